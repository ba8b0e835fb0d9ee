"""The Spark recipe (docs/archives.md): the archive's lines through `lede.batch_lines` in
each partition, PySpark in local mode with two worker processes; every line written equals
the one `lede batch` writes, byte for byte, in the same order."""

import os
import sys

import pytest

pyspark = pytest.importorskip("pyspark")
from pyspark.sql import SparkSession  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    # The executors' Python is this one, where the wheel is installed (on a cluster: the
    # wheel installed on every node, or a packed virtualenv shipped with --archives).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    local = (
        SparkSession.builder.master("local[2]")
        .appName("lede-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield local
    local.stop()


def test_spark_results_equal_the_batch_command_s(spark, archive, expected, tmp_path):
    # Defined here, so cloudpickle ships the function itself rather than a reference to this
    # test module, which the executors cannot import.
    def analyze_partition(lines):
        import lede

        # One worker per Spark task: Spark already runs a task per core.
        return lede.batch_lines(lines, workers=1)

    lines = spark.sparkContext.textFile(str(archive), minPartitions=6)
    assert lines.getNumPartitions() >= 2
    out = tmp_path / "analyzed"
    lines.mapPartitions(analyze_partition).saveAsTextFile(str(out))
    parts = sorted(out.glob("part-*"))
    assert len(parts) >= 2
    got = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, f"record {i + 1} differs"
