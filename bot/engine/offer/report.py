"""The assessment as plain text for a person: every heading comes from offer_texts.yml."""

from __future__ import annotations

from bot.engine.offer.case import Assessment
from bot.engine.offer.catalogue import Catalogue


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}".replace(",", " ")


def pay_text(assessment: Assessment, catalogue: Catalogue) -> str | None:
    """«50 000–70 000 RUB в месяц», or None when the offer names no pay."""
    pay = assessment.facts.pay
    if pay is None:
        return None
    lo, hi = _amount(pay.min), _amount(pay.max)
    amount = lo if lo == hi else f"{lo}–{hi}".strip("–")
    if pay.min is None:
        amount = f"≤ {hi}"
    elif pay.max is None:
        amount = f"≥ {lo}"
    parts = [amount, pay.currency or ""]
    if pay.period:
        parts.append(catalogue.text("periods", pay.period, assessment.language))
    return " ".join(p for p in parts if p)


def _country(code: str | None, catalogue: Catalogue, lang: str) -> str | None:
    names = catalogue.texts.get("countries") or {}
    return str(names[code][lang]) if code in names else code


def render_report(assessment: Assessment, catalogue: Catalogue) -> str:
    """Risk level, signs with quoted evidence, facts, questions and advice."""
    lang = assessment.language

    def h(key: str) -> str:
        return catalogue.text("headings", key, lang)

    if assessment.empty:
        return assessment.message or ""
    level = catalogue.text("levels", assessment.risk_level, lang)
    lines = [f"{h('risk_level')}: {level} ({h('score')}: {assessment.score})"]
    if assessment.findings:
        lines += ["", f"{h('found')}:"]
        for f in assessment.findings:
            lines.append(f"• {f.name}")
            quotes = "; ".join(f"«{e.text}»" for e in f.evidence)
            lines.append(f"  {h('evidence')}: {quotes}")
            lines.append(f"  {f.explanation}")
    facts = assessment.facts
    rows = [
        ("country", _country(facts.country, catalogue, lang)),
        ("city", facts.city),
        ("pay", pay_text(assessment, catalogue)),
        ("employer", facts.employer),
        ("agency", facts.agency),
        ("contacts", ", ".join(facts.contacts) or None),
    ]
    shown = [(k, v) for k, v in rows if v]
    if shown:
        lines += ["", f"{h('facts')}:"] + [f"  {h(k)}: {v}" for k, v in shown]
    if assessment.questions:
        lines += ["", f"{h('questions')}:"]
        lines += [f"{i}. {q.text}" for i, q in enumerate(assessment.questions, start=1)]
    if assessment.advice:
        lines += ["", f"{h('advice')}:"] + [f"• {a}" for a in assessment.advice]
    return "\n".join(lines)
