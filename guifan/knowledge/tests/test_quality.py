"""The question set (questions.tsv): top-1 and top-3 accuracy over the seed, the laws and
the system's own data. Run with -s to see the report."""

from guifan.knowledge.selectors import SERVER, kb_ask
from guifan.knowledge.tests.quality import score

# The targets are top-1 ≥ 90% and top-3 = 100%. Measured (docs/DECISIONS.md): top-1
# 66/70, top-3 70/70; the floor is what is reached, so a regression fails.
TOP1 = 0.94
TOP3 = 1.00


def test_question_set_accuracy(corpus):
    result = score(lambda q: [f.as_dict() for f in kb_ask(user=SERVER, question=q, top=3).found])
    print("\n" + result.report())
    assert result.total >= 60
    assert result.top3 / result.total >= TOP3, result.report()
    assert result.top1 / result.total >= TOP1, result.report()
