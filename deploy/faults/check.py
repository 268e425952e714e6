#!/usr/bin/env python3
"""Checks one fault-injection run after recovery: every item of the batch ended exactly once, as one valid
line of the training file or as one recorded failure.

Compares three sources: batch-api's items (PostgreSQL, schema batch_api), the builder's bookkeeping
(schema training_files) and the downloaded JSONL. Prints one line
    items=N completed=N failed=N lost=N duplicated=N torn=N
followed by a line per problem found, and exits 1 when lost, duplicated or torn is not zero.

  lost        an item not finished (neither completed nor failed), failed without a reason, or completed
              but whose conversation is missing from the file
  duplicated  a conversation that appears in the file more often than items produced it
  torn        a line that is not a complete, valid chat example (or a file not ending in a newline)
"""
import argparse
import json
import subprocess
import sys
from collections import Counter


def query(args, sql):
    """Runs one query returning a single JSON value through psql (no driver needed)."""
    out = subprocess.run(
        ["psql", "-h", args.db_host, "-p", str(args.db_port), "-U", args.db_user, "-d", args.db_name,
         "-w", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True, capture_output=True, text=True).stdout.strip()
    return json.loads(out) if out else None


def items_of(args):
    sql = ("SELECT coalesce(json_agg(json_build_object('id', id, 'status', status, "
           "'reason', failure_reason, 'conversation', conversation)), '[]') "
           f"FROM batch_api.items WHERE batch_id = '{args.batch}'")
    return query(args, sql)


def file_bookkeeping(args):
    sql = ("SELECT json_build_object('lines', line_count, 'bytes', committed_bytes, "
           "'appended', (SELECT count(*) FROM training_files.file_items i WHERE i.file_id = f.id)) "
           f"FROM training_files.files f WHERE id = '{args.file}'")
    return query(args, sql)


def expected_line(conversation):
    """The chat example a stored conversation must appear as: system prompt, then the turns in order."""
    if isinstance(conversation, str):
        conversation = json.loads(conversation)
    messages = [("system", conversation.get("systemPrompt"))]
    messages += [(t.get("role"), t.get("content")) for t in conversation.get("turns", [])]
    return json.dumps(messages, ensure_ascii=False)


def file_lines(path, problems):
    """The file's valid lines as comparable keys; counts torn lines."""
    raw = open(path, "rb").read()
    if not raw:
        return [], 0
    torn = 0
    if raw and not raw.endswith(b"\n"):
        torn += 1
        problems.append("the file does not end with a newline (a torn last line)")
    keys = []
    for number, line in enumerate(raw.split(b"\n")[:-1] if raw.endswith(b"\n") else raw.split(b"\n"), 1):
        try:
            messages = json.loads(line.decode("utf-8"))["messages"]
            roles = [m["role"] for m in messages]
            valid = (roles[0] == "system" and roles[-1] == "assistant" and len(roles) >= 3
                     and all(r == ("user" if i % 2 else "assistant") for i, r in enumerate(roles[1:], 1))
                     and all(isinstance(m["content"], str) and m["content"].strip() for m in messages))
        except (ValueError, KeyError, IndexError, TypeError, UnicodeDecodeError):
            valid = False
        if not valid:
            torn += 1
            problems.append(f"line {number} is not a valid chat example: {line[:80]!r}")
            continue
        keys.append(json.dumps([(m["role"], m["content"]) for m in messages], ensure_ascii=False))
    return keys, torn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--jsonl", required=True)
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument("--db-port", default="5432")
    parser.add_argument("--db-name", default="trainyard")
    parser.add_argument("--db-user", default="postgres")
    args = parser.parse_args()

    problems = []
    items = items_of(args)
    status = Counter(item["status"] for item in items)
    lost = 0
    for item in items:
        if item["status"] not in ("completed", "failed"):
            lost += 1
            problems.append(f"item {item['id']} never finished (status {item['status']})")
        elif item["status"] == "failed" and not item["reason"]:
            lost += 1
            problems.append(f"item {item['id']} failed without a recorded reason")
        elif item["status"] == "completed" and not item["conversation"]:
            lost += 1
            problems.append(f"item {item['id']} completed without a stored conversation")

    expected = Counter(expected_line(i["conversation"]) for i in items
                       if i["status"] == "completed" and i["conversation"])
    keys, torn = file_lines(args.jsonl, problems)
    actual = Counter(keys)
    duplicated = 0
    for key in set(expected) | set(actual):
        if actual[key] > expected[key]:
            duplicated += actual[key] - expected[key]
            problems.append(f"a conversation appears {actual[key]} times, produced {expected[key]} times")
        elif actual[key] < expected[key]:
            lost += expected[key] - actual[key]
            problems.append(f"a completed conversation is missing from the file ({expected[key] - actual[key]})")

    book = file_bookkeeping(args) or {}
    if book.get("lines") != len(keys) + torn:
        problems.append(f"PostgreSQL counts {book.get('lines')} lines, the file has {len(keys) + torn}")
    if book.get("appended") != status["completed"]:
        problems.append(f"PostgreSQL records {book.get('appended')} appended conversations, "
                        f"{status['completed']} items completed")

    print(f"items={len(items)} completed={status['completed']} failed={status['failed']} "
          f"lost={lost} duplicated={duplicated} torn={torn}")
    for problem in problems[:20]:
        print(f"  problem: {problem}")
    # A bookkeeping mismatch with a correct file is reported above but is not a lost or duplicated item.
    return 1 if lost or duplicated or torn else 0


if __name__ == "__main__":
    sys.exit(main())
