"""The lesson widgets' own labels, in the lesson languages.

The lesson browser, narration and predict panels show lesson text in the language the
learner chose (``Lang``), so their few labels come from this one table in the same two
languages and switch with it. Keys are the English text.
"""

from __future__ import annotations

from simulator.models.lesson_text import Lang, Text

UI_TEXT: dict[str, Text] = {t.en: t for t in (
    Text("Lessons", "课程"),
    Text("Question", "问题"),
    Text("Lesson", "课程"),
    Text("Source", "来源"),
    Text("Progress", "进度"),
    Text("Score", "得分"),
    Text("not started", "未开始"),
    Text("Step {n} of {total}", "第 {n} 步，共 {total} 步"),
    Text("(continued from step {n})", "（接第 {n} 步）"),
    Text("Checkpoint", "检查点"),
    Text("Teaches", "参考"),
    Text("Before the first narrated step.", "尚未到达第一段讲解。"),
    Text("Predict the next step", "预测下一步"),
    Text("Nothing to predict here: step forward.", "这里没有需要预测的内容：请前进一步。"),
    Text("Continue", "继续"),
    Text("Skip", "跳过"),
    Text("Right!", "答对了！"),
    Text("Not quite. The answer is: {answer}", "不对。正确答案是：{answer}"),
    Text("Score: {right} of {asked} right", "得分：{asked} 题答对 {right} 题"),
    Text("{right}/{asked} right", "答对 {right}/{asked}"),
    Text("scenario", "场景"),
    Text("capture", "抓包"),
    Text("trace", "实时跟踪"),
    Text("chain", "调用链"),
    Text("Open lesson", "打开课程"),
    Text("About step {n}", "关于第 {n} 步"),
    Text("Reference", "参考"),
)}


def ui(key: str, lang: Lang, **values: object) -> str:
    """The label ``key`` (its English text) in ``lang``, with ``{names}`` filled in."""
    text = UI_TEXT[key].get(lang)
    return text.format(**values) if values else text
