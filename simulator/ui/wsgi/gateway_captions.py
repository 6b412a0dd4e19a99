"""What the CGI / FastCGI / WSGI view says in words: lane subtitles, stage names, and what
crosses between web server and application as lines of text.

What crosses is shown item by item: the FastCGI records with their 8-byte headers in hex
(the FastCGI specification's record header), a stream of text such as CGI's stdin and stdout
(RFC 3875) as its own lines, anything else one line each.

The captions are translated when asked for (context ``GatewaysView``, the view that paints
them); what the lesson says (labels of what crosses) comes from the model through
``translate_text``; bytes and record names stay as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from simulator.models.wsgi.gateways import Carried, Gateway, Stage
from simulator.ui.text.i18n import QT_TRANSLATE_NOOP
from simulator.ui.text.model_text import translate_text

SUBTITLE = {Gateway.CGI: QT_TRANSLATE_NOOP("GatewaysView", "a new process for every request"),
            Gateway.FASTCGI: QT_TRANSLATE_NOOP("GatewaysView",
                                               "one persistent process, records on a socket"),
            Gateway.WSGI: QT_TRANSLATE_NOOP("GatewaysView",
                                            "a Python function call in one process")}
STAGE_LABEL = {Stage.ARRIVES: QT_TRANSLATE_NOOP("GatewaysView", "1 request arrives"),
               Stage.START: QT_TRANSLATE_NOOP("GatewaysView", "2 app made ready"),
               Stage.HAND_OVER: QT_TRANSLATE_NOOP("GatewaysView", "3 request handed over"),
               Stage.RUN: QT_TRANSLATE_NOOP("GatewaysView", "4 app runs"),
               Stage.RESPOND: QT_TRANSLATE_NOOP("GatewaysView", "5 response comes back"),
               Stage.FINISH: QT_TRANSLATE_NOOP("GatewaysView", "6 afterwards")}
MAX_ITEMS = 12  # lines of a text stream shown


def _tr(text: str) -> str:
    """Only for strings already marked for lupdate (QT_TRANSLATE_NOOP above)."""
    return QCoreApplication.translate("GatewaysView", text)


def lane_subtitle(gateway: Gateway) -> str:
    """How the gateway hands a request over, in a few words, in the interface language."""
    return _tr(SUBTITLE[gateway])


def stage_caption(stage: Stage) -> str:
    """The stage's number and name ("3 request handed over"), in the interface language."""
    return _tr(STAGE_LABEL[stage])


def carried_text(item: Carried) -> str:
    """One line for what crosses: the label, and a peek at the bytes it carries."""
    data = item.data
    label = translate_text(item.label)
    if data is None or not data:
        return label
    if item.label.startswith("FCGI_"):
        return f"{label}  [{data[:8].hex(' ')} …]"
    text = data.decode("latin-1").replace("\r\n", "⏎ ").replace("\n", "⏎ ")
    return f"{label}: {text[:120]}{'…' if len(text) > 120 else ''}"


def carried_lines(carried: tuple[Carried, ...]) -> list[str]:
    """What crosses, as lines to print: FastCGI records one per line with their 8-byte header
    in hex; a stream of text (stdin, stdout, the body) as its own lines; the rest one each."""
    out: list[str] = []
    for item in carried:
        data = item.data
        if data and not item.label.startswith("FCGI_"):
            text = data.decode("latin-1").replace("\r\n", "\n")
            lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
            out.append(QCoreApplication.translate(
                "GatewaysView", "{label} ({n} bytes, ⏎ = line break):").format(
                label=translate_text(item.label), n=len(data)))
            out.extend(f"  {line}⏎" if i < len(lines) - 1 or text.endswith("\n") else f"  {line}"
                       for i, line in enumerate(lines[:MAX_ITEMS]))
        else:
            out.append(carried_text(item))
    return out
