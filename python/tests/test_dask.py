"""The Dask recipe (docs/archives.md): `dask.bag.read_text` over the archive, each partition's
lines through `lede.batch_lines`, on a `distributed.LocalCluster` of two worker processes;
every line equals the one `lede batch` writes, byte for byte, in the same order."""

import pytest

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


def test_dask_results_equal_the_batch_command_s(archive, expected, tmp_path):
    # Defined here, so the workers get the function itself, not a reference to this module.
    def analyze_partition(lines):
        import lede

        return list(lede.batch_lines(lines, workers=1))

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            bag = db.read_text(str(archive), blocksize=150_000)
            assert bag.npartitions >= 2
            got = bag.map_partitions(analyze_partition).compute()
            # The recipe's output: a file per partition, in order.
            bag.map_partitions(analyze_partition).to_textfiles(str(tmp_path / "out-*.jsonl"))
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, f"record {i + 1} differs"
    files = sorted((tmp_path).glob("out-*.jsonl"), key=lambda p: int(p.stem.split("-")[1]))
    written = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert written == expected
