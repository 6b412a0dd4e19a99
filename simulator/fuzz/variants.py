"""One variant from (seed, number): a capture file's bytes and how they were made.

Each variant has its own random generator, seeded from the campaign seed and the variant
number, so variant 1234 of seed 7 is the same bytes on every machine and in every run, and can
be made again alone from those two numbers (``python -m simulator.fuzz --seed 7 --only 1234``).
Families: a corpus capture mutated (most variants), an HTTP conversation put into TCP
(``http_variants``), sometimes mutated further, and a few large stress variants.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from simulator.fuzz import http_variants, payloads
from simulator.fuzz.mutators import Context, mutate

#: Secret keys a variant is analysed with: Flask's, another app's, or none.
SECRET_KEYS = (payloads.SECRET_KEY, payloads.SECRET_KEY,
               "wrong-key", None)


@dataclass(frozen=True)
class Settings:
    """How variants are made: the family weights and the largest variant."""

    max_bytes: int = 10 << 20
    capture_weight: int = 55
    http_weight: int = 42
    stress_weight: int = 3


@dataclass
class Variant:
    """A capture to run the pipeline on, and everything needed to make it again."""

    seed: int
    number: int
    data: bytes
    family: str  # "capture" | "http" | "stress"
    source: str  # the corpus file, or the HTTP conversation
    steps: list[str] = field(default_factory=list)
    offsets: tuple[int, ...] = ()  # bytes the mutators touched (their packets get dissected)
    secret_key: str | None = None
    pick: int = 0  # a random packet number hint for the detail pane

    @property
    def description(self) -> str:
        return f"{self.family} variant {self.number} of seed {self.seed} from {self.source}: " + \
            "; ".join(self.steps)


@dataclass(frozen=True)
class Corpus:
    """The seed captures: (name, bytes) pairs, in a fixed order."""

    files: tuple[tuple[str, bytes], ...]

    @classmethod
    def load(cls, roots: list[Path]) -> Corpus:
        """Every .pcap/.pcapng under ``roots`` (files or directories), sorted by path."""
        found: dict[str, bytes] = {}
        for root in roots:
            paths = [root] if root.is_file() else sorted(
                p for p in root.rglob("*") if p.suffix in (".pcap", ".pcapng") and p.is_file())
            for p in paths:
                found[str(p)] = p.read_bytes()
        return cls(tuple((Path(name).name, data) for name, data in sorted(found.items())))


def variant_rng(seed: int, number: int) -> random.Random:
    """The generator of variant ``number`` of campaign ``seed`` (independent of the others)."""
    return random.Random(f"simulator.fuzz:{seed}:{number}")


def make_variant(seed: int, number: int, corpus: Corpus,
                 settings: Settings | None = None) -> Variant:
    """Variant ``number`` of campaign ``seed``: the same bytes and steps every time."""
    s = settings or Settings()
    rng = variant_rng(seed, number)
    families = ["capture", "http", "stress"] if corpus.files else ["http", "stress"]
    weights = [s.capture_weight, s.http_weight, s.stress_weight][-len(families):]
    family = rng.choices(families, weights)[0]
    offsets: list[int] = []
    if family == "capture":
        name, original = rng.choice(corpus.files)
        data = bytearray(original)
        ctx = Context(tuple(f for f in corpus.files if f[0] != name) or corpus.files)
        rounds = rng.choice((1, 1, 1, 2, 2, 3, 4, 6))
        changes = mutate(rng, data, ctx, rounds)
        steps = [c.text for c in changes]
        offsets = [o for c in changes for o in c.offsets]
        source = name
    elif family == "http":
        raw, steps = http_variants.http_variant(rng)
        data = bytearray(raw)
        source = steps.pop(0).removeprefix("stress: ")
        if rng.random() < 0.15:
            changes = mutate(rng, data, Context(corpus.files), rng.choice((1, 1, 2)))
            steps += ["then: " + c.text for c in changes]
            offsets = [o for c in changes for o in c.offsets]
    else:
        raw, steps = http_variants.stress_variant(rng, s.max_bytes)
        data = bytearray(raw)
        source = steps.pop(0).removeprefix("stress: ")
    if len(data) > s.max_bytes:
        steps.append(f"cut to {s.max_bytes} bytes")
        del data[s.max_bytes:]
    return Variant(seed, number, bytes(data), family, source, steps, tuple(offsets),
                   secret_key=rng.choice(SECRET_KEYS), pick=rng.randrange(1 << 30))
