"""The matching engine: texts and vectors in, ranked pairs out. Pure Python and NumPy, no ORM.

- `backends`: pluggable sentence-embedding backends (default: multilingual USE v3, offline);
- `lexical`: Dutch key terms (Snowball stemmer, stop words) and a lexical similarity;
- `neighbours`: exact top-k over normalised vectors with blocked matrix products;
- `explain`: classification of a pair (overlap, complement, cross table) and its explanation.
"""
