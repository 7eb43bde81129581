"""Abbreviations of Dutch public administration and what they stand for.

A text that writes one form is indexed with the terms of the other as well (see
`analysis.terms`), so that "Wmo" finds "Wet maatschappelijke ondersteuning" and the other way
round, without any change to the query. Only abbreviations of at least three letters that mean
one thing in this field are listed; each is written out as the organisations themselves do.
"""

from __future__ import annotations

ABBREVIATIONS: dict[str, str] = {
    "bzk": "Binnenlandse Zaken en Koninkrijksrelaties",
    "cbs": "Centraal Bureau voor de Statistiek",
    "ggd": "Gemeentelijke Gezondheidsdienst",
    "ggz": "geestelijke gezondheidszorg",
    "hbo": "hoger beroepsonderwijs",
    "ipo": "Interprovinciaal Overleg",
    "mbo": "middelbaar beroepsonderwijs",
    "nprz": "Nationaal Programma Rotterdam Zuid",
    "nsob": "Nederlandse School voor Openbaar Bestuur",
    "rmt": "regionaal mobiliteitsteam",
    "szw": "Sociale Zaken en Werkgelegenheid",
    "uwv": "Uitvoeringsinstituut Werknemersverzekeringen",
    "vng": "Vereniging van Nederlandse Gemeenten",
    "wmo": "Wet maatschappelijke ondersteuning",
    "wsp": "werkgeversservicepunt",
    "wsw": "Wet sociale werkvoorziening",
    "zzp": "zelfstandige zonder personeel",
}
