"""Signs missed and honest offers alarmed in the blind-written offers_dev8 (2026-12-03) before
it was tuned on. Quiet: a cost paid back to the worker («кайтарылып берилет», «возвращаем его
стоимость»), «удержаний … за него нет», a paid probation, a licence given with its number, a
tourist visa in a list that «не отправляем» governs, a rule in a negative verb past «эч ким»
(«эч ким жөнөтүлбөйт»), «тийиш эмес» (must not), what the asker has heard («А график какой?
Говорят, …»), pay quoted in a warning, «договор бар предоплата жок», a permit paper not needed
(EAEU), a contract's copy sent before departure. Found: a visa and ticket «өзүң төлөйсүң», a
training sold, «медкомиссия өзүңүздүн эсебиңизден», «кагаздын кереги жок», «кандай келишим»,
labour relations «по прибытии», unpaid trial weeks, «ар ай эмес», pay after handing over the
object, «лицензиясы барбы? — азырынча жок», a visit or language-course visa, «как турист», a
passport «у меня полежит», «фермердин колунда» (in the farmer's hands), leaving an island
«мүмкүн эмес»."""

from __future__ import annotations

import pytest

from bot.engine.offer.catalogue import Catalogue
from bot.engine.offer.risk import check_text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Визаны жана билетти өзүң 900$ төлөйсүң, анан барасың.", "worker_pays_fee"),
        ("Эки жумалык тренинг 12 000 сом, анан Дубайга жиберебиз.", "worker_pays_fee"),
        ("Жатакана бекер. Медкомиссия өзүңүздүн эсебиңизден.", "worker_pays_fee"),
        ("— келишим болобу?\n— кагаздын кереги жок, кожоюн тааныш киши", "no_written_contract"),
        ("— договор барбы?\n— кандай келишим, биз бир туугандайбыз", "no_written_contract"),
        (
            "Оформление трудовых отношений производится по прибытии на объект.",
            "no_written_contract",
        ),
        ("Тигуу цехи, кунуно 13 саат. Келишим кылбайбыз.", "no_written_contract"),
        ("кафеге идиш жуучу биринчи 2жума сынак акысыз андан кийин 150мин", "wage_withholding"),
        ("Акча ар ай эмес, сезондун аягында берилет.", "wage_withholding"),
        ("Оплата по факту сдачи объекта заказчику, пока суточные.", "wage_withholding"),
        ("— агенттиктин лицензиясы барбы?\n— азырынча жок, кагаз бергенбиз", "unlicensed_agency"),
        ("Англияга visit виза менен кафеге кыздар керек.", "wrong_visa_or_status"),
        ("Германияга тил курсу визасы менен барып, курулушта иштейсиз.", "wrong_visa_or_status"),
        ("Оформляете K-ETA как турист, на месте встретим и на завод.", "wrong_visa_or_status"),
        (
            "— а документы?\n— паспорт пока у меня полежит, пока долг не закроешь",
            "document_retention",
        ),
        ("Фермага келгенде паспортуңуз фермердин колунда турат.", "document_retention"),
        ("Аралдан чыгуу сезон бүткөнгө чейин мүмкүн эмес.", "restricted_movement"),
        ("Общагадан иштен тышкары чыгууга болбойт, зп 70 миң.", "restricted_movement"),
        ("Стамбулдагы массаж салонго кыздар керек, 25ке чейин.", "sexual_exploitation_risk"),
    ],
)
def test_the_sign_is_found(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign in check_text(text, catalogue).indicator_ids


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "Жол киреңизди өзүңүз төлөйсүз, бирок биринчи айлык менен кошо кайтарылып берилет.",
            "worker_pays_fee",
        ),
        ("Билет оплачивает работодатель, удержаний из зарплаты за него нет.", "debt_bondage"),
        (
            "— Платить надо?\n— Ничего. Патент вы оформляете сами, но мы возвращаем его стоимость"
            " каждый месяц вместе с зарплатой.",
            "debt_bondage",
        ),
        (
            "— Сынак мөөнөтү акысызбы?\n— Испытательный срок бар, бир ай, бирок ал ай да толук"
            " төлөнөт.",
            "wage_withholding",
        ),
        ("Агентство «Ай Жол» (licenziya 00-0123), predoplata jok.", "unlicensed_agency"),
        (
            "Мы не отправляем на «курсы», по гостевым или туристическим визам.",
            "wrong_visa_or_status",
        ),
        (
            "E-8 мыйзамдуу виза, туристтик же студенттик виза менен эч ким жөнөтүлбөйт.",
            "wrong_visa_or_status",
        ),
        ("Мыйзам боюнча иш берүүчү паспортту кармап калууга тийиш эмес.", "document_retention"),
        (
            "— А график какой? Говорят, на стройках по 14 часов.\n— У нас 8 часов.",
            "excessive_hours",
        ),
        (
            "— А платят когда? Мне говорили, что только в конце сезона.\n— Каждый месяц, 5 числа.",
            "wage_withholding",
        ),
        ("«Айына 6000 фунт» деп убада кылгандарга ишенбеңиз.", "unrealistic_pay"),
        (
            "алматыда ооо бай строй кыш калоочу зп 350мин договор бар предоплата жок",
            "no_written_contract",
        ),
        ("Казакстанда ЕАЭБ жарандарына уруксат кагаз керек эмес.", "no_written_contract"),
        (
            "Бишкектен чыгардан мурда келишимдин копиясын жиберебиз, Казанга келгенде кол коёсуз.",
            "no_written_contract",
        ),
        (
            "Эскертүү! «3000$ төлөсөң 2 айда учасың» деген жарнамалар көбөйдү, ишенбегиле.",
            "worker_pays_fee",
        ),
        ("Бардык чыгымды кайра төлөйсүң, эгер эрте кетсең.", "worker_pays_fee"),
    ],
)
def test_the_honest_part_stays_quiet(catalogue: Catalogue, text: str, sign: str) -> None:
    assert sign not in check_text(text, catalogue).indicator_ids


def test_a_friend_retelling_the_offer_is_not_hearsay(catalogue: Catalogue) -> None:
    """«Говорят, …» after a statement is the recruiter's word passed on, still checked."""
    text = "Мне предложили в Израиль. Говорят, лети как турист, на контроле скажи про экскурсию."
    assert "wrong_visa_or_status" in check_text(text, catalogue).indicator_ids
