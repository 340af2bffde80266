#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Detour authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns CHANGELOG.md (Keep a Changelog) into what the package ships.

  changelog.py CHANGELOG.md --version 0.1.0 --package detour --maintainer 'Name <a@b>' \
      --debian changelog.gz --metainfo releases.xml

--debian writes the Debian changelog (the format dpkg-parsechangelog and lintian read; a
native package keeps it as /usr/share/doc/<package>/changelog.gz), gzip -9 with no name
or time stamp so that the same CHANGELOG.md always gives the same bytes. --metainfo
writes the <release> elements of the AppStream metainfo. Both list released versions
only (not [Unreleased]), newest first. It fails when the newest release is not
--version: a version bump needs its changelog entry.
"""

import argparse
import datetime
import email.utils
import gzip
import re
import sys
import textwrap
from xml.sax.saxutils import escape

RELEASE = re.compile(r'^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$')
SECTION = re.compile(r'^### (?P<name>\S.*?)\s*$')
ITEM = re.compile(r'^- (?P<text>.*)$')


def plain(markdown):
    """Markdown inline markup to plain text: links keep their text, code its content."""
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', markdown)
    text = text.replace('`', '').replace('**', '')
    return ' '.join(text.split())


def parse(path):
    """[(version, date, [(section, [item, ...]), ...]), ...] in file order."""
    releases = []
    item = None
    with open(path, encoding='utf-8') as changelog:
        for number, line in enumerate(changelog, 1):
            line = line.rstrip('\n')
            if match := RELEASE.match(line):
                if match['version'] != 'Unreleased' and not match['date']:
                    sys.exit(f'{path}:{number}: release {match["version"]} has no date (## [x.y.z] - YYYY-MM-DD)')
                releases.append((match['version'], match['date'], []))
                item = None
            elif match := SECTION.match(line):
                if not releases:
                    sys.exit(f'{path}:{number}: section before the first release heading')
                releases[-1][2].append((match['name'], []))
                item = None
            elif match := ITEM.match(line):
                if not releases or not releases[-1][2]:
                    sys.exit(f'{path}:{number}: item outside a ### section')
                releases[-1][2][-1][1].append(match['text'])
                item = releases[-1][2][-1][1]
            elif line.startswith('  ') and item is not None:
                item[-1] += ' ' + line.strip()
            elif not line.strip():
                item = None
    return [(version, date, [(name, [plain(text) for text in items]) for name, items in sections])
            for version, date, sections in releases if version != 'Unreleased']


def debian(releases, package, maintainer):
    entries = []
    for version, date, sections in releases:
        lines = [f'{package} ({version}) unstable; urgency=medium', '']
        for name, items in sections:
            lines.append(f'  {name}:')
            for text in items:
                lines += textwrap.wrap(text, width=78, initial_indent='  * ', subsequent_indent='    ',
                                       break_on_hyphens=False)
            lines.append('')
        when = datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.timezone.utc)
        lines.append(f' -- {maintainer}  {email.utils.format_datetime(when)}')
        entries.append('\n'.join(lines) + '\n')
    return '\n'.join(entries)


def metainfo(releases):
    out = []
    for version, date, sections in releases:
        out.append(f'    <release version="{escape(version)}" date="{date}">')
        out.append('      <description>')
        for name, items in sections:
            out.append(f'        <p>{escape(name)}:</p>')
            out.append('        <ul>')
            out += [f'          <li>{escape(text)}</li>' for text in items]
            out.append('        </ul>')
        out.append('      </description>')
        out.append('    </release>')
    return '\n'.join(out) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('changelog')
    parser.add_argument('--version', required=True, help='the version being built; must be the newest release')
    parser.add_argument('--package', default='detour')
    parser.add_argument('--maintainer', required=True, help='the trailer of each Debian entry')
    parser.add_argument('--debian', help='write the gzipped Debian changelog here')
    parser.add_argument('--metainfo', help='write the metainfo <release> elements here')
    args = parser.parse_args()

    releases = parse(args.changelog)
    if not releases:
        sys.exit(f'{args.changelog}: no released version')
    if releases[0][0] != args.version:
        sys.exit(f'{args.changelog}: the newest release is {releases[0][0]}, but this is {args.version}; '
                 f'add a "## [{args.version}] - YYYY-MM-DD" entry')
    if args.debian:
        data = debian(releases, args.package, args.maintainer).encode('utf-8')
        with open(args.debian, 'wb') as out, gzip.GzipFile(filename='', mode='wb', compresslevel=9,
                                                         fileobj=out, mtime=0) as zipped:
            zipped.write(data)
    if args.metainfo:
        with open(args.metainfo, 'w', encoding='utf-8') as out:
            out.write(metainfo(releases))


if __name__ == '__main__':
    main()
