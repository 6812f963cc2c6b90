"""langchain's split cassettes: gzip-compressed YAML with parallel ``requests:`` and ``responses:``.

Item ``i`` of ``responses`` answers item ``i`` of ``requests``; each item has the
vcrpy shape, so the vcrpy request and response readers do the work.
"""

from __future__ import annotations

from toolkit.model import Cassette, Interaction
from toolkit.problems import Problem, ProblemCode
from toolkit.read.dialects.vcrpy import read_request, read_response
from toolkit.read.document import YamlMap, YamlSeq


def read_langchain(root: YamlMap, path: str) -> Cassette:
    """Pair ``requests[i]`` with ``responses[i]``; unpaired or malformed items are problems."""
    requests, responses = root.get("requests"), root.get("responses")
    if not isinstance(requests, YamlSeq) or not isinstance(responses, YamlSeq):
        where = root.position
        problem = Problem(
            path,
            where.line,
            where.column,
            ProblemCode.MALFORMED_INTERACTION,
            "requests and responses must both be lists",
        )
        return Cassette(path, "langchain-split", (), (problem,))
    interactions: list[Interaction] = []
    problems: list[Problem] = []
    for index in range(max(len(requests), len(responses))):
        request = requests[index] if index < len(requests) else None
        response = responses[index] if index < len(responses) else None
        where = requests.position_of(index) if index < len(requests) else responses.position_of(index)
        if not isinstance(request, YamlMap) or not isinstance(response, YamlMap):
            problems.append(
                Problem(
                    path,
                    where.line,
                    where.column,
                    ProblemCode.MALFORMED_INTERACTION,
                    f"interaction {index} has no request and response pair",
                    index,
                )
            )
            continue
        interactions.append(Interaction(index, where, read_request(request), read_response(response)))
    return Cassette(path, "langchain-split", tuple(interactions), tuple(problems))
