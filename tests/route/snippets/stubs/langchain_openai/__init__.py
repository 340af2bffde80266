"""Stands in for langchain_openai when test_route_code_exporter runs exported code.

Every call of a ChatOpenAI is recorded in $DETOUR_STUB_LOG (JSON) with the
model's settings and the messages; the first $DETOUR_STUB_FAILURES calls fail,
later ones answer "Hello there". with_fallbacks tries the models in order, as
LangChain's does. Nothing reaches the network.
"""
import json
import os

_calls = []


class _Message:
    def __init__(self, content):
        self.content = content


class _Fallbacks:
    def __init__(self, models):
        self._models = models

    def _first_that_answers(self, method, messages):
        failure = None
        for model in self._models:
            try:
                return getattr(model, method)(messages)
            except RuntimeError as error:
                failure = error
        raise failure

    def stream(self, messages):
        return self._first_that_answers("stream", messages)

    def invoke(self, messages):
        return self._first_that_answers("invoke", messages)


class ChatOpenAI:
    def __init__(self, **settings):
        self.settings = settings

    def with_fallbacks(self, fallbacks):
        return _Fallbacks([self, *fallbacks])

    def _call(self, messages):
        _calls.append({"settings": self.settings, "messages": [list(m) for m in messages]})
        with open(os.environ["DETOUR_STUB_LOG"], "w", encoding="utf-8") as log:
            json.dump(_calls, log, ensure_ascii=False)
        if len(_calls) <= int(os.environ.get("DETOUR_STUB_FAILURES", "0")):
            raise RuntimeError("Error code: 429 - Provider returned error")

    def stream(self, messages):
        self._call(messages)
        return iter([_Message("Hello"), _Message(" there")])

    def invoke(self, messages):
        self._call(messages)
        return _Message("Hello there")
