"""Content as documents: one parsed YAML file each, keyed by its path (`knowledge/answers.yml`).

Documents are what the database stores and what `knowledge export`/`import` writes and reads.
Everything here is pure apart from reading and writing files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.engine.content.answers import parse_answers
from bot.engine.content.boxes import DOCUMENT as BOXES_DOCUMENT
from bot.engine.content.boxes import parse_boxes
from bot.engine.content.languages import DOCUMENT as LANGUAGES_DOCUMENT
from bot.engine.content.languages import Languages
from bot.engine.content.model import Content, ContentError
from bot.engine.nlu.data import NluData, NluDataError, parse_nlu
from bot.engine.nlu.intent import Classifier
from bot.engine.offer.catalogue import Catalogue, CatalogueError
from bot.services.content.canned import DOCUMENT as CANNED_DOCUMENT
from bot.services.content.canned import parse_canned
from bot.services.offer_model import with_model

Documents = Mapping[str, Any]
FOLDERS = ("dialogues", "knowledge", "nlu")
OFFER_FILES = ("indicators", "wages", "agencies", "offer_texts")


def jsonable(value: Any) -> Any:
    """YAML data as JSON data: dates become ISO strings, keys strings; order is kept."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def read_documents(content_dir: Path) -> dict[str, Any]:
    """Every content file under `content_dir`, parsed; a syntax error names the file."""
    found: dict[str, Any] = {}
    for folder in FOLDERS:
        for path in sorted((content_dir / folder).glob("*.yml")):
            name = f"{folder}/{path.name}"
            try:
                found[name] = jsonable(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
            except yaml.YAMLError as exc:
                raise ContentError(f"{name}: {exc}") from exc
    return found


class _Dumper(yaml.SafeDumper):
    """Writes multi-line texts as `|` blocks so that a diff in git reads like the text."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    """One document as YAML, keys in their stored order."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return text


def write_documents(docs: Documents, directory: Path) -> list[Path]:
    written = []
    for name, data in docs.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(data), encoding="utf-8")
        written.append(path)
    return written


def merged_dialogues(docs: Documents) -> dict[str, Any]:
    """Every dialogues/*.yml merged section by section (texts, buttons, menus, …).

    `yes_no` stays by file, so that its checks can name the file."""
    merged: dict[str, dict[str, Any]] = {s: {} for s in ("texts", "buttons", "menus")}
    merged["language_words"] = {}
    dialogues = sorted(n for n in docs if n.startswith("dialogues/"))
    for name in dialogues:
        for section, values in merged.items():
            for key, value in dict(docs[name].get(section) or {}).items():
                if key in values:
                    raise ContentError(f"{name}: {section}.{key} is defined twice")
                values[key] = value
    merged["yes_no"] = {name: docs[name]["yes_no"] for name in dialogues if "yes_no" in docs[name]}
    return merged


def languages_of(docs: Documents) -> Languages:
    """The configured languages (`dialogues/languages.yml`)."""
    return Languages.from_data(docs.get(LANGUAGES_DOCUMENT))


def nlu_documents(docs: Documents) -> tuple[str, ...]:
    """What the classifier learns from: the list of languages and `nlu/<code>.yml` for each."""
    return (LANGUAGES_DOCUMENT, *(f"nlu/{code}.yml" for code in languages_of(docs).codes))


def catalogue(docs: Documents) -> Catalogue:
    """The offer check's catalogue; an error names the file, the item and the field."""
    parts = {f: docs.get(f"knowledge/{f}.yml") or {} for f in OFFER_FILES}
    try:
        return with_model(
            Catalogue.from_data(
                indicators=parts["indicators"],
                wages=parts["wages"],
                agencies=parts["agencies"],
                texts=parts["offer_texts"],
                languages=languages_of(docs).scripts,
            )
        )
    except CatalogueError as exc:
        raise ContentError(f"knowledge/{exc}") from exc


def nlu_data(docs: Documents) -> NluData:
    data = NluData()
    for code in languages_of(docs).codes:
        name = f"nlu/{code}.yml"
        try:
            data = data.merged(parse_nlu(docs.get(name), code))
        except NluDataError as exc:
            raise ContentError(f"{name}: {exc}") from exc
    return data


def build_content(
    docs: Documents, classify: Classifier | None = None, revision: str = "seed"
) -> Content:
    """The engine's content from documents (raises ContentError naming what is wrong)."""
    knowledge = {n.removeprefix("knowledge/"): d for n, d in docs.items()}
    return Content.from_data(
        merged_dialogues(docs),
        languages=languages_of(docs),
        hotlines=knowledge.get("hotlines.yml"),
        answers=knowledge.get("answers.yml"),
        offers=catalogue(docs),
        classify=classify,
        revision=revision,
        boxes=docs.get(BOXES_DOCUMENT),
    )


REQUIRED = (
    LANGUAGES_DOCUMENT,
    "dialogues/main.yml",
    "knowledge/answers.yml",
    "knowledge/hotlines.yml",
    *(f"knowledge/{name}.yml" for name in OFFER_FILES),
)


def check_documents(docs: Documents) -> list[str]:
    """Every problem in a set of documents, each naming its part, file, item and field."""
    try:
        languages = languages_of(docs)
    except ContentError as exc:
        return [str(exc)]  # every other check needs the list of languages
    required = (*REQUIRED, *nlu_documents(docs))
    problems = [f"{name}: missing" for name in required if name not in docs]
    checks: list[tuple[str, Callable[[], object]]] = [
        ("dialogues", lambda: Content.from_data(merged_dialogues(docs), languages=languages)),
        ("answers", lambda: parse_answers(docs.get("knowledge/answers.yml"), languages)),
        ("hotlines", lambda: _hotlines(docs.get("knowledge/hotlines.yml"), languages)),
        ("", lambda: parse_boxes(docs.get(BOXES_DOCUMENT))),
        ("", lambda: catalogue(docs)),
        ("", lambda: nlu_data(docs)),
        ("", lambda: parse_canned(docs.get(CANNED_DOCUMENT), languages)),
    ]
    for part, check in checks:
        try:
            check()
        except (ContentError, KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(f"{part}: {exc}" if part else str(exc))
    return problems


def _hotlines(data: Any, languages: Languages) -> None:
    countries = dict(data or {}).get("countries")
    if not isinstance(countries, Mapping) or not countries:
        raise ContentError("hotlines.yml: countries: missing")
    languages.check_below(countries, "hotlines.yml: countries")
