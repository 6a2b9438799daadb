"""``personalize_frame``: the same results as the file path, locally and on a real cluster."""

from __future__ import annotations

import os
import sys

import pytest
from batch_fixtures import write_many

from benefitkit.batch import FRAME_COLUMNS, personalize, personalize_frame

pd = pytest.importorskip("pandas")


def expected(flier, accounts, engine):
    """What ``personalize`` gives for the same file, as frame rows."""
    return [(r.row, r.account, r.status, r.text, list(r.needs_matched), list(r.needs_unmatched))
            for r in personalize(flier, accounts, engine=engine)]


def as_rows(frame):
    # Arrow-backed strings (Spark) read a missing text as NaN; the file path says None.
    return [(r.row, r.account, r.status, r.text if isinstance(r.text, str) else None,
             list(r.needs_matched), list(r.needs_unmatched)) for r in frame.itertuples()]


@pytest.fixture
def frame(tmp_path):
    accounts = write_many(tmp_path / "twenty.csv", 20, bad_every=7)
    df = pd.read_csv(accounts, dtype=str, keep_default_na=False)
    df.insert(0, "row", range(2, len(df) + 2))
    return accounts, df


def test_a_frame_gives_what_the_file_gives(frame, flier, engine, spec):
    accounts, df = frame
    out = personalize_frame(df, flier, spec=spec)
    assert list(out.columns) == list(FRAME_COLUMNS)
    assert as_rows(out) == expected(flier, accounts, engine)
    bad = out[out.status == "error"]
    assert list(bad.row) == [8, 15]
    assert all(e.startswith("[bad-money] column 'Budget'") for e in bad.error)
    assert out[out.status == "ok"].error.isna().all()


def test_bad_rows_of_the_mixed_list_become_error_rows(accounts, flier, spec):
    df = pd.read_csv(accounts, dtype=str, keep_default_na=False, encoding_errors="replace")
    out = personalize_frame(df, flier, spec=spec)
    # A frame has no short rows (missing cells are empty): the short row is rejected for
    # what it lacks instead, its needs.
    assert list(out.row) == list(range(2, 15))
    codes = {r.row: r.error.split("]")[0][1:] for r in out.itertuples() if r.status == "error"}
    assert codes == {5: "bad-money", 6: "no-needs", 7: "missing-field"}


def test_profile_field_columns_and_lists(flier, spec, engine):
    df = pd.DataFrame({
        "account": ["Dune Co", "Reef Ltd"],
        "needs": ["Works with Dropbox; Easy setup for busy staff", ["Stay under $2,000"]],
        "budget": ["$900", None],
        "contact.name": ["Di Dune", "Ray Reef"],
        "custom.tier": ["gold", float("nan")],
    })
    out = personalize_frame(df, flier, spec=spec, format="json", document="talk-track")
    assert list(out.row) == [2, 3]
    assert list(out.status) == ["ok", "ok"]
    assert out.needs_matched[0] + out.needs_unmatched[0] == [
        "Works with Dropbox", "Easy setup for busy staff"]
    profile = {"account": "Dune Co", "contact": {"name": "Di Dune"}, "budget": "$900",
               "needs": ["Works with Dropbox", "Easy setup for busy staff"],
               "custom": {"tier": "gold"}}
    assert out.text[0] == engine.talk_track(flier, profile, format="json")


def test_an_empty_frame_has_the_columns(flier):
    out = personalize_frame(pd.DataFrame({"Account Name": [], "Needs": []}), flier)
    assert list(out.columns) == list(FRAME_COLUMNS) and out.empty


def test_dask_local_cluster_matches_the_single_machine_path(frame, flier, engine, spec):
    distributed = pytest.importorskip("dask.distributed")
    dd = pytest.importorskip("dask.dataframe")
    accounts, df = frame
    meta = personalize_frame(df.head(0), flier)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        parts = dd.from_pandas(df, npartitions=2)
        out = parts.map_partitions(personalize_frame, flier, spec=spec, meta=meta).compute()
    assert as_rows(out.sort_values("row")) == expected(flier, accounts, engine)


@pytest.mark.slow  # a Spark session takes ~10 s to start and ~10 s for the first job here
@pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning")  # pandas 3
def test_spark_local_mode_matches_the_single_machine_path(frame, flier, engine, spec):
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    from benefitkit.batch import FRAME_SCHEMA

    accounts, df = frame
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers use this venv
    spark = (SparkSession.builder.master("local[2]").appName("benefitkit-test")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        def apply(batches):
            for batch in batches:
                yield personalize_frame(batch, flier, spec=spec)

        sdf = spark.createDataFrame(df.astype(object)).repartition(2)
        out = sdf.mapInPandas(apply, FRAME_SCHEMA).toPandas()
    finally:
        spark.stop()
    for column in ("needs_matched", "needs_unmatched"):
        out[column] = out[column].map(list)
    assert as_rows(out.sort_values("row")) == expected(flier, accounts, engine)
