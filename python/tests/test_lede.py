"""The Python package: the same document as the command line, fields, streaming in order,
the GIL released while analyzing, errors that say what was wrong."""

import itertools
import json
import subprocess
import threading
import time

import pytest

import lede

SEED = (
    "Putin and Kim Jong Un meet at Russian space port\n\n"
    "MOSCOW, Oct 26 (Reuters) - Russian President Vladimir Putin met North Korean leader "
    'Kim Jong Un on Wednesday, the Kremlin said. "We are glad to see you," Putin told Kim.\n'
)


def test_analyze_is_the_document_lede_analyze_prints(lede_bin, tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    cli = json.loads(subprocess.run([str(lede_bin), "analyze", str(path)], capture_output=True, check=True).stdout)
    got = lede.analyze(SEED)
    assert got == cli
    assert got["schema_version"] == lede.SCHEMA_VERSION == 3
    assert list(got) == lede.FIELDS
    assert json.loads(lede.analyze_json(SEED)) == got
    assert {"Vladimir Putin", "Kim Jong Un"} <= {e["name"] for e in got["entities"]}


def test_fields_keep_those_fields_in_the_order_asked():
    got = lede.analyze(SEED, fields=["quotes", "entities"])
    assert list(got) == ["quotes", "entities"]
    assert got["entities"] == lede.analyze(SEED)["entities"]
    assert got["quotes"]


def test_options_are_checked_before_any_work():
    with pytest.raises(ValueError, match="unknown field `names`"):
        lede.analyze(SEED, fields=["names"])
    with pytest.raises(ValueError, match="markdown, plain_text or html"):
        lede.analyze(SEED, format="pdf")
    with pytest.raises(ValueError, match="not a date"):
        lede.analyze(SEED, reference_date="soon")
    with pytest.raises(TypeError):
        lede.analyze(b"bytes are not text")


def test_format_and_reference_date():
    assert lede.analyze("<p>The <b>bank</b> said.</p>", fields=["text"], format="html") == {"text": "The bank said."}
    # Without a date of its own or a reference date, "Monday" cannot be resolved.
    assert [t.get("value") for t in lede.analyze("Talks resume on Monday.", fields=["times"])["times"]] == [None]
    times = lede.analyze("Talks resume on Monday.", fields=["times"], reference_date="2024-03-06")["times"]
    assert [t["value"][:8] for t in times] == ["2024-03-"]


def texts(n):
    return [f"{SEED}\nReporting by Ana Silva in Porto on March {1 + i % 28}, 2024 (#{i}).\n" for i in range(n)]


@pytest.mark.parametrize("workers", [1, 2])
def test_analyze_many_keeps_input_order(workers):
    many = texts(40)
    got = list(lede.analyze_many(many, workers=workers, fields=["text", "times"]))
    assert got == [lede.analyze(t, fields=["text", "times"]) for t in many]
    as_json = list(lede.analyze_many(iter(many), workers=workers, as_json=True))
    assert as_json == [lede.analyze_json(t) for t in many]


def test_analyze_many_streams_from_an_endless_iterable():
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"Story {i}. The mayor of Porto spoke on Monday."

    first = list(itertools.islice(lede.analyze_many(endless(), workers=2, fields=["text"]), 5))
    assert [a["text"] for a in first] == [f"Story {i}. The mayor of Porto spoke on Monday." for i in range(5)]
    # The window is 32 texts per worker: the rest of the iterable was never read.
    assert pulled <= 5 + 2 * 32 + 1


def test_analyze_many_hands_out_what_it_has_before_the_iterable_s_error():
    def broken():
        yield "One."
        yield "Two."
        raise KeyError("the archive broke")

    it = lede.analyze_many(broken(), fields=["text"])
    assert [next(it)["text"], next(it)["text"]] == ["One.", "Two."]
    with pytest.raises(KeyError, match="the archive broke"):
        next(it)
    with pytest.raises(TypeError, match="not int"):
        list(lede.analyze_many(["fine", 3]))
    with pytest.raises(ValueError):
        lede.analyze_many([], workers=0)


def test_the_gil_is_released_while_analyzing():
    big = "\n\n".join(texts(300))
    done = threading.Event()
    ticks = 0

    def work():
        lede.analyze(big)
        done.set()

    started = time.perf_counter()
    thread = threading.Thread(target=work)
    thread.start()
    while not done.is_set():
        ticks += 1
    thread.join()
    seconds = time.perf_counter() - started
    # Holding the GIL for the whole analysis would leave this loop a handful of turns.
    assert seconds > 0.05 and ticks > 10_000, (seconds, ticks)


def test_batch_lines_are_the_command_s_byte_for_byte(archive, expected):
    with open(archive, encoding="utf-8") as f:
        got = list(lede.batch_lines(f, workers=2))
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, f"record {i + 1} differs"
    raw = list(lede.batch_lines(archive.read_bytes().splitlines()[:20], workers=1))
    assert raw == expected[:20]
