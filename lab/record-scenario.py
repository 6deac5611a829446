#!/usr/bin/env python3
"""Turns a real run of the repair, kept by a lab job (results/<job>/out/<name>.state/runs/<run>/), into a
rehearsal scenario: every command the run ran, in order, answered with the exit status, stdout and stderr
the real host gave, and the run's outcome, the steps that ran and the ones it skipped as expectations.

    lab/record-scenario.py RUN_DIR OUT.scenario.yaml "TITLE" "COMMENT"

The answers are chained by flags (rule k answers only after rule k-1 did), so a command that runs twice
gets each of its real answers in turn, and a rehearsal that leaves the recorded path finds no answer and
fails. The parts of a line that name this run (its directory, its id) match anything.
"""
import json
import os
import re
import shlex
import sys

import yaml

run_dir, out_path, title, comment = sys.argv[1:5]
run_id = os.path.basename(run_dir.rstrip('/'))
events = [json.loads(line) for line in open(os.path.join(run_dir, 'journal.jsonl'))]
params = json.load(open(os.path.join(run_dir, 'params.json')))
if isinstance(params, dict) and 'params' in params:
    params = params['params']


def step_defs(node, found):
    if isinstance(node, dict):
        if 'id' in node:
            found[node['id']] = node
        for v in node.values():
            step_defs(v, found)
    elif isinstance(node, list):
        for v in node:
            step_defs(v, found)
    return found


STEPS = step_defs(yaml.safe_load(open(os.path.join(run_dir, 'playbook.yaml'))), {})


def shell_run(d):
    """The `run` of a `shell: true` command in a step (its own, its probe's, its table's), else None."""
    if not isinstance(d, dict):
        return None
    if d.get('shell') is True:
        return d.get('run', '')
    for k, v in d.items():
        if k not in ('steps', 'on-failure') and isinstance(v, dict):
            r = shell_run(v)
            if r is not None:
                return r
    return None


def rule_match(step, line):
    """The rule's match for a command line as the journal shows it (words shell-quoted). A rehearsal sees
    the words joined by spaces without quotes, and for a shell step the script itself: that one is matched
    by its template's literal start (the flags already tie the rule to its place in the run)."""
    d = shell_run(STEPS.get(step, {}))
    if d is not None:
        head = str(d).lstrip().split('\n')[0].split('${')[0]
        return 'regex', '^' + re.escape(head) if head.strip() else '.'
    try:
        words = shlex.split(line)
    except ValueError:
        words = line.split()
    s = ' '.join(words)
    # a glob: the run's own directory and id differ in a rehearsal
    s = re.sub(r'/[^\s]*/runs/' + re.escape(run_id), '\0', s)
    s = s.replace(run_id, '\0')
    return 'match', s.replace('\0', '*')


def block(text):
    """A YAML block scalar (|) for text; '' for none."""
    if text == '':
        return "''"
    if '\t' in text or any(ord(c) < 32 and c not in '\n' for c in text):
        return json.dumps(text)
    ind = '      '
    head = '|' + ('2' if text[:1] == ' ' else '') + ('' if text.endswith('\n') else '-')
    if text.endswith('\n\n'):
        head = '|' + ('2' if text[:1] == ' ' else '') + '+'
    return head + '\n' + ''.join(ind + l if l else '' for l in text.splitlines(True)) + ('' if text.endswith('\n') else '\n')


def read(step, ext):
    p = os.path.join(run_dir, 'steps', step + '.' + ext)
    if not os.path.exists(p):
        return ''
    return open(p, encoding='utf-8', errors='replace').read()


commands = []  # (step, line, exit, attempt)
started = {}    # step -> [(line, attempt)]: a require-state probes again after its fix, as attempt 2, 3, ...
ran, skipped, approved = [], [], []
outcome = None
for e in events:
    t = e.get('type')
    if t == 'step-started':
        ran.append(e['step'])   # (a group starts before its steps: the order the expectation checks)
    elif t == 'command-started':
        started.setdefault(e['step'], []).append((e['command'], e.get('attempt', 1)))
    elif t == 'step-finished':
        # a confirm's answer is in its step-finished record (`decision`); older journals had a `confirmed` event
        if (e.get('decision') or {}).get('approved'):
            approved.append(e['step'])
        if e.get('status') == 'skipped':
            skipped.append(e['step'])
        tries = started.pop(e['step'], [])
        for i, (line, attempt) in enumerate(tries):
            # the journal has the exit status of the last attempt only; an earlier probe that ran to its
            # end and found the state not met exited 0
            commands.append((e['step'], line, e.get('exit', 0) if i == len(tries) - 1 else 0, attempt))
    elif t == 'confirmed':
        approved.append(e['step'])
    elif t == 'run-finished':
        outcome = e.get('outcome')
seen = {}
for step, _, _, attempt in commands:
    seen[(step, attempt)] = seen.get((step, attempt), 0) + 1
twice = [s for (s, _), n in seen.items() if n > 1]
if twice:
    sys.exit('record-scenario: steps ran more than once (their output files hold only the last run): ' + ', '.join(twice))

out = []
for l in comment.strip().splitlines():
    out.append('# ' + l if l else '#')
out.append('scenario: 1')
out.append('title: ' + json.dumps(title))
out.append('playbook: ../thin-pool-metadata-repair.yaml')
if params:
    # as given to the run (the playbook's defaults included); an empty value is the default's own
    out.append('params: {' + ', '.join('%s: %s' % (k, json.dumps(v)) for k, v in params.items() if v != '') + '}')
if approved:
    out.append('approve: [' + ', '.join(dict.fromkeys(approved)) + ']')
out.append('commands:')
# file order: the last command first, so that a line that ran twice is answered by its later rule only
# once that rule's flag is set; the first rule has no flag
n = len(commands)
rules = []
for k, (step, line, code, attempt) in enumerate(commands, 1):
    key, m = rule_match(step, line)
    r = ['  # %d/%d: step %s%s' % (k, n, step, '' if attempt == 1 else ' (attempt %d)' % attempt), '  - %s: %s' % (key, json.dumps(m))]
    if k > 1:
        r.append('    when: [c%d]' % k)
        r.append('    clears: [c%d]' % k)
    if k < n:
        r.append('    sets: [c%d]' % (k + 1))
    # the output files of attempt N > 1 are STEP-N.out and STEP-N.err
    f = step if attempt == 1 else '%s-%d' % (step, attempt)
    so, se = read(f, 'out'), read(f, 'err')
    if so:
        r.append('    stdout: ' + block(so).rstrip('\n'))
    if se:
        r.append('    stderr: ' + block(se).rstrip('\n'))
    if code:
        r.append('    exit: %d' % code)
    rules.append(r)
for r in reversed(rules):
    out.extend(r)
# the other programs the playbook requires stay "installed"; any command off the recorded path fails loudly
out.append('  - regex: "."')
out.append('    stderr: "not in the recording: this command did not run on the real host\\n"')
out.append('    exit: 99')
out.append('expect:')
out.append('  outcome: ' + (outcome or 'failed'))
out.append('  ran: [' + ', '.join(x for x in ran if x not in skipped) + ']')
if skipped:
    out.append('  skipped: [' + ', '.join(dict.fromkeys(skipped)) + ']')
open(out_path, 'w').write('\n'.join(out) + '\n')
print('record-scenario: %s: %d commands, outcome %s' % (out_path, n, outcome))
