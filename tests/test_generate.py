"""The synthetic corpus generator is deterministic and writes files educoop loads."""

from benchmarks.generate import write
from educoop import api


def test_the_same_seed_gives_the_same_files(tmp_path):
    first = write(1_200, tmp_path / "a", articles_count=3)
    second = write(1_200, tmp_path / "b", articles_count=3)
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))
    assert len([p for p in first if p.suffix == ".yaml"]) == 1  # files of 5,000 agreements
    other = write(1_200, tmp_path / "c", seed=8)
    assert other[0].read_bytes() != first[0].read_bytes()


def test_generated_records_and_articles_load(tmp_path, store):
    files = write(300, tmp_path / "corpus", articles_count=2)
    report = api.ingest(store, files)
    assert report.ok, report.failed
    assert store.stats()["nodes"]["Agreement"] > 250
