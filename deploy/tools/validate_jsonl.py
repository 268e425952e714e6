#!/usr/bin/env python3
# A copy of the team's independent JSONL validator (shared/tools/validate_jsonl.py), kept here so the
# tests can run it in a clone that has no shared/ folder beside it. Tests prefer the shared original.
"""Independent check of a fine-tuning JSONL file: framing, UTF-8, and the chat-format rules that
OpenAI's, Bedrock's and Together's validators apply. Prints a summary; exits 1 on any error."""
import json
import re
import sys
from collections import Counter

ROLES = {"system", "user", "assistant"}
KEYS = {"role", "content", "name", "weight"}


def check_line(obj, errors):
    if not isinstance(obj, dict):
        errors["not_an_object"] += 1
        return
    msgs = obj.get("messages")
    if not isinstance(msgs, list) or not msgs:
        errors["missing_messages_list"] += 1
        return
    roles = []
    for m in msgs:
        if not isinstance(m, dict) or "role" not in m or "content" not in m:
            errors["message_missing_key"] += 1
            return
        if set(m) - KEYS:
            errors["message_unrecognized_key"] += 1
        if m["role"] not in ROLES:
            errors["unrecognized_role"] += 1
        if not isinstance(m["content"], str) or not m["content"].strip():
            errors["missing_content"] += 1
        roles.append(m["role"])
    if "assistant" not in roles:
        errors["example_missing_assistant_message"] += 1
    turns = [r for r in roles if r != "system"]
    if roles.count("system") > 1 or (roles.count("system") == 1 and roles[0] != "system"):
        errors["system_not_first"] += 1
    if not turns or turns[0] != "user" or turns[-1] != "assistant":
        errors["not_user_first_assistant_last"] += 1
    if any(a == b for a, b in zip(turns, turns[1:])):
        errors["roles_not_alternating"] += 1


def main(path):
    raw = open(path, "rb").read()
    errors = Counter()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors["bom"] += 1
    if b"\r" in raw:
        errors["carriage_return"] += 1
    if raw and not raw.endswith(b"\n"):
        errors["no_final_newline"] += 1
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        errors["invalid_utf8"] += 1
        text = raw.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    seen = set()
    for line in lines:
        if not line.strip():
            errors["blank_line"] += 1
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            errors["invalid_json"] += 1
            continue
        if any(0xD800 <= ord(c) <= 0xDFFF for c in json.dumps(obj, ensure_ascii=False, default=str)
               if isinstance(c, str)) or re.search(r"\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])", line, re.I):
            errors["lone_surrogate"] += 1
        check_line(obj, errors)
        if line in seen:
            errors["duplicate_line"] += 1
        seen.add(line)
    bad = sum(errors.values())
    print(json.dumps({"lines": len(lines), "errors": dict(errors)}))
    return 1 if bad or not lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
