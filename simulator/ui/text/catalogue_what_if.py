"""What a what-if on a replayed capture says (``simulator.models.simulation.capture_what_if``),
catalogued for ``lupdate``: the what-if timeline's title and description (with the mark
"simulated from step N") and why a step cannot be lost. The model writes them from its
constants; a test keeps this list equal to them (``tests/ui/text/test_catalogue_what_if.py``).
"""

from __future__ import annotations

from simulator.ui.text.i18n import QT_TRANSLATE_NOOP

# the sentences without values
SENTENCES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "This step has no segment on the wire to drop."),
    QT_TRANSLATE_NOOP("ModelText", "This segment never arrived in the capture: it is lost "
                      "already."),
    QT_TRANSLATE_NOOP("ModelText", "The capture does not show enough of this connection's "
                      "state at that step for the TCP model to take over."),
    QT_TRANSLATE_NOOP("ModelText", "The capture shows this segment arriving before it was sent "
                      "(its timestamps run backwards), so the what-if cannot tell what happened "
                      "before its loss."),
)

# the sentences with values
TEMPLATES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("ModelText", "{title} — what if {segment} were lost? Simulated from step "
                      "{step}"),
    QT_TRANSLATE_NOOP("ModelText", "What-if from step {step}: steps 1 to {last} are the capture "
                      "as replayed; then {segment} is lost and the TCP model runs both sides on "
                      "from their state at that step, each application making the calls the "
                      "capture shows it making next."),
    QT_TRANSLATE_NOOP("ModelText", "packet {number}"),
    QT_TRANSLATE_NOOP("ModelText", "What-if works on captured connections of up to {limit} "
                      "steps; this one has {count}."),
    QT_TRANSLATE_NOOP("ModelText", "The what-if did not settle: {reason}."),
    QT_TRANSLATE_NOOP("ModelText", "The what-if could not be simulated from this step: "
                      "{reason}."),
)
