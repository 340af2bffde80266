"""Stands in for the openai package when test_route_code_exporter runs exported code.

Every create() call is recorded in $DETOUR_STUB_LOG (JSON) with the settings of
its client; the first $DETOUR_STUB_FAILURES calls fail with a RateLimitError,
later ones answer "Hello there". Nothing reaches the network.
"""
import json
import os


class APIError(Exception):
    pass


class APIStatusError(APIError):
    pass


class APIConnectionError(APIError):
    pass


class RateLimitError(APIStatusError):
    pass


_calls = []


class _Namespace:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def _chunk(content, finish_reason=None):
    if content is None:
        return _Namespace(choices=[])  # like the usage chunk OpenRouter sends last
    delta = _Namespace(content=content)
    return _Namespace(choices=[_Namespace(delta=delta, finish_reason=finish_reason)])


class _Completions:
    def __init__(self, client):
        self._client = client

    def create(self, **kwargs):
        _calls.append({"client": self._client.settings, "kwargs": kwargs})
        with open(os.environ["DETOUR_STUB_LOG"], "w", encoding="utf-8") as log:
            json.dump(_calls, log, ensure_ascii=False)
        if len(_calls) <= int(os.environ.get("DETOUR_STUB_FAILURES", "0")):
            raise RateLimitError("Error code: 429 - Provider returned error")
        if kwargs.get("stream"):
            return iter([_chunk("Hello"), _chunk(" there", "stop"), _chunk(None)])
        message = _Namespace(content="Hello there")
        return _Namespace(choices=[_Namespace(message=message, finish_reason="stop")])


class OpenAI:
    def __init__(self, **settings):
        self.settings = settings
        self.chat = _Namespace(completions=_Completions(self))
