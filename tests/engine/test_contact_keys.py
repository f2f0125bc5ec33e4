"""Contacts of an offer in one form: a number written three ways is one key."""

from __future__ import annotations

import pytest

from bot.engine.extract.contact_keys import ContactKey, company_key, contact_keys, phone_key

SAME_NUMBER = ("+7 (900) 000-11-22", "8900 000 1122", "wa.me/79000001122")


@pytest.mark.parametrize("written", SAME_NUMBER)
def test_a_russian_number_written_three_ways_is_one_key(written: str) -> None:
    text = f"Работа в Москве, склад, 80 000 руб. Пишите {written} — Азамат"
    phones = [c for c in contact_keys(text) if c.kind == "phone"]
    assert phones == [ContactKey("phone", "+79000001122", "+79000001122")]


def test_numbers_without_a_country_code_take_their_plan() -> None:
    assert phone_key("0555 000 111", "KG") == "+996555000111"
    assert phone_key("0555 000 111") == "+996555000111"  # no plan told: Kyrgyz
    assert phone_key("8 701 000 11 22", "KZ") == "+77010001122"
    assert phone_key("12") is None


def test_telegram_accounts_are_one_key_whatever_their_case_or_form() -> None:
    keys = contact_keys("Пишите @Rabota_Msk или t.me/rabota_msk, канал https://t.me/joinchat/x")
    assert keys == (ContactKey("telegram", "rabota_msk", "@rabota_msk"),)


def test_company_names_fold_case_quotes_and_legal_forms() -> None:
    names = ("ОсОО «Ак-Жол Курулуш»", 'ООО "Ак Жол курулуш"', "ЖЧК Ак-Жол Курулуш")
    assert {company_key(n) for n in names} == {"ак жол курулуш"}
    assert company_key("LLC Nur Logistics") == company_key("Nur Logistics Ltd.")
    assert company_key("ООО «AB»") is None  # too short to tell one company from another
    assert company_key("Центр занятости") is None  # named by honest and dishonest posts


def test_an_offer_gives_each_contact_once_in_order() -> None:
    text = (
        "ОсОО «Ак-Жол Курулуш» ищет рабочих в Москву. Звоните +7 (900) 000-11-22, "
        "WhatsApp wa.me/79000001122, почта Hr@Example.org, сайт example.org"
    )
    assert [(c.kind, c.key) for c in contact_keys(text)] == [
        ("phone", "+79000001122"),
        ("email", "hr@example.org"),
        ("company", "ак жол курулуш"),
    ]
