"""The offer model: n-grams read every clause, the joint model only the likely ones."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bot.engine.nlu.linear import fit_linear
from bot.engine.offer.model import CLAUSE_CHARS, EMBED_BUDGET, MAX_EMBEDDED, OfferModel
from bot.engine.offer.model_fit import LabelledClause, LabelledOffer, fit_model, locate
from bot.engine.offer.negation import Negation

PASSPORT = [
    "паспорт будет храниться у работодателя",
    "паспорта забирает бригадир до конца работы",
    "документы сдаёте хозяину на хранение",
    "паспортту кожоюн сактап турат",
    "паспортторду бригадир алып калат",
]
NOTHING = [
    "работа на складе в Казани",
    "график пять через два",
    "жатакана бекер берилет",
    "зарплата два раза в месяц",
    "адрес офиса улица Киевская",
    "звоните с девяти до шести",
]
ROWS = [LabelledClause(t, ("document_retention",)) for t in PASSPORT] + [
    LabelledClause(t) for t in NOTHING
]


class RecordingEmbedder:
    """A fake embedder: a fixed vector per text (passport words point one way), recorded."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = [[1.0, 0.0] if ("паспорт" in t or "документ" in t) else [0.0, 1.0] for t in texts]
        return np.asarray(rows, dtype=np.float32)


@pytest.fixture(scope="module")
def negation() -> Negation:
    return Negation.from_data({})


def test_a_dense_block_counts_in_the_same_decision() -> None:
    texts = ["a b", "a c", "b c", "c d"] * 3
    labels = ["x", "y", "x", "y"] * 3
    dense = np.asarray([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]] * 3)
    model = fit_linear(texts, labels, dense=dense)
    assert model.dense_weights is not None and model.dense_weights.shape == (2, 2)
    x = model.classes.index("x")
    plain = model.probabilities("c")[x]
    assert model.probabilities("c", np.asarray([1.0, 0.0]))[x] > plain
    assert model.probabilities("c", np.asarray([0.0, 1.0]))[x] < plain


def test_without_an_embedder_the_ngrams_decide(negation: Negation) -> None:
    model = fit_model(ROWS, [], negation)
    assert model.joint is None
    read = model.read(["паспорт будет храниться у работодателя", "график пять через два"])
    assert "document_retention" in read[0] and read[1] == {}


def test_only_likely_clauses_are_embedded(negation: Negation) -> None:
    fake = RecordingEmbedder()
    fitted = fit_model(ROWS, [], negation, fake)
    assert fitted.joint is not None and fitted.embedder is None  # never pickled with it
    model = OfferModel(fitted.linear, negation, joint=fitted.joint, embedder=fake)
    fake.calls.clear()
    read = model.read(["паспорта забирает бригадир до конца работы", "звоните с девяти до шести"])
    assert "document_retention" in read[0] and read[1] == {}
    assert fake.calls == [["паспорта забирает бригадир до конца работы"]]


def test_an_offer_embeds_at_most_a_few_clauses(negation: Negation) -> None:
    fake = RecordingEmbedder()
    fitted = fit_model(ROWS, [], negation, fake)
    model = OfferModel(fitted.linear, negation, joint=fitted.joint, embedder=fake)
    fake.calls.clear()
    model.read([f"паспорт {n} храниться у работодателя" for n in range(3 * MAX_EMBEDDED)])
    assert [len(call) for call in fake.calls] == [MAX_EMBEDDED]


def test_a_risky_offer_teaches_the_clause_that_states_its_sign(negation: Negation) -> None:
    model = fit_model(ROWS, [], negation)
    offer = LabelledOffer(
        ("Работа в Казани на складе", "паспорт сдаёте бригадиру, он хранит"),
        ("document_retention", "vague_employer"),
    )
    located = locate(model, [offer])
    stated = LabelledClause("паспорт сдаёте бригадиру, он хранит", ("document_retention",))
    assert located == [stated]


def test_a_sign_staff_left_to_the_patterns_is_never_read(negation: Negation) -> None:
    fake = RecordingEmbedder()
    fitted = fit_model(ROWS, [], negation, fake)
    never = {"document_retention": 1.0}
    for model in (
        OfferModel(fitted.linear, negation, never),
        OfferModel(fitted.linear, negation, never, fitted.joint, fake),
    ):
        assert model.read(["паспорта забирает бригадир до конца работы"]) == [{}]


def test_long_clauses_are_embedded_within_a_budget(negation: Negation) -> None:
    fake = RecordingEmbedder()
    fitted = fit_model(ROWS, [], negation, fake)
    model = OfferModel(fitted.linear, negation, joint=fitted.joint, embedder=fake)
    fake.calls.clear()
    long = "паспорт будет храниться у работодателя " * 40
    model.read([long + str(n) for n in range(MAX_EMBEDDED)])
    [call] = fake.calls
    assert all(len(t) <= CLAUSE_CHARS for t in call)
    assert sum(map(len, call)) <= EMBED_BUDGET + CLAUSE_CHARS and len(call) < MAX_EMBEDDED
