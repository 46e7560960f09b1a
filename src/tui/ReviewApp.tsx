// The interactive review (`tfcodemod -i`): a list of changes, the selected change's diff, moves,
// findings and reason, and the keys of `git add -p`. It takes the review state and callbacks as
// props and never touches the file system.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { ReviewItem, ReviewSession } from '../review/session.js';

export interface ReviewAppProps {
  session: ReviewSession;
  /** The migration the accepted changes of a module would produce (null: none needed). */
  loadMigration(module: string): Promise<string | null>;
  /** Called once with the outcome; the app has exited by then. */
  onDone(outcome: 'write' | 'quit'): void;
  /** After the rejected set of a module changed: its diffs recomputed without those changes. */
  refreshPreviews?(module: string, rejected: ReadonlySet<string>): Promise<void>;
}

type Mode = 'review' | 'help' | 'migration' | 'confirm-quit';

const KEYS = '↑↓/jk move  PgUp/PgDn scroll  y accept  n reject  a accept transform  m migration  w write  q quit  ? help';

const HELP = [
  'Review each change, then write what you accepted.',
  '',
  '  ↑ ↓ or j k     select the previous or next change',
  '  PgUp PgDn      scroll the diff (space scrolls down too)',
  '  y              accept the change (and what it requires)',
  '  n              reject the change (and what requires it)',
  '  a              accept every undecided change of this transform in this module',
  '  m              the migration the accepted changes of this module would produce',
  '  w              write the accepted changes (undecided ones are left out), verified first',
  '  q              quit without writing (asks when changes were accepted)',
  '  ? or Esc       close this help',
  '',
  'A change that requires another (a merge before the split of its module) pulls it in when',
  'accepted; rejecting one drops every change that requires it. Secret values are masked.',
];

function useSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);
  return size;
}

const mark = (d: string | undefined): string => (d === 'accepted' ? '✓' : d === 'rejected' ? '✗' : '·');
const fit = (s: string, width: number): string => (s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`);
const names = (items: ReviewItem[]): string => items.map((i) => i.change.title).join('; ');

export function ReviewApp({ session, loadMigration, onDone, refreshPreviews }: ReviewAppProps) {
  const { exit } = useApp();
  const { columns, rows } = useSize();
  // The selection is read by key handlers that may run before the next render: kept in a ref too.
  const [selected, setSelectedState] = useState(0);
  const selectedRef = useRef(0);
  const setSelected = (n: number) => {
    selectedRef.current = n;
    setSelectedState(n);
  };
  const [scroll, setScroll] = useState(0);
  const [mode, setModeState] = useState<Mode>('review');
  const modeRef = useRef<Mode>('review');
  const setMode = (m: Mode) => {
    modeRef.current = m;
    setModeState(m);
  };
  const [message, setMessage] = useState('');
  const [migration, setMigration] = useState<{ module: string; lines: string[] } | null>(null);
  // Decisions live in the session; this forces a render after each one.
  const [, setVersion] = useState(0);
  const items = session.items;
  const item = items[selected]!;
  const diff = session.diffLines(item.key);

  // Rows: list, a rule, details, diff, message, footer.
  const listRows = Math.max(3, Math.min(items.length + new Set(items.map((i) => i.module)).size, Math.floor((rows - 4) / 3)));
  const detail = detailLines(item, columns);
  const diffRows = Math.max(3, rows - listRows - detail.length - 4);
  const page = Math.max(1, diffRows - 1);

  const finish = (outcome: 'write' | 'quit') => {
    exit();
    onDone(outcome);
  };
  const decided = (text: string, module: string, rejectedBefore: ReadonlySet<string>) => {
    setVersion((v) => v + 1);
    setMessage(text);
    // The diffs follow the selection: recomputed when the module's rejected set changed.
    const now = session.rejected(module);
    if (refreshPreviews && (now.size !== rejectedBefore.size || [...now].some((id) => !rejectedBefore.has(id)))) {
      void refreshPreviews(module, now).then(
        () => setVersion((v) => v + 1),
        (e: unknown) => setMessage(`cannot recompute the diffs: ${(e as Error).message}`),
      );
    }
  };
  const move = (to: number, keepMessage = false) => {
    setSelected(Math.max(0, Math.min(items.length - 1, to)));
    setScroll(0);
    if (!keepMessage) setMessage('');
  };

  useInput((input, key) => {
    const current = selectedRef.current;
    const item = items[current]!;
    const mode = modeRef.current;
    const before = session.rejected(item.module);
    if (mode === 'confirm-quit') {
      if (input === 'y') finish('quit');
      else {
        setMode('review');
        setMessage('');
      }
      return;
    }
    if (mode === 'help' || mode === 'migration') {
      if (input === '?' || input === 'q' || key.escape || input === 'm') setMode('review');
      else if (mode === 'migration' && (key.pageDown || input === ' ' || key.downArrow || input === 'j')) setScroll((s) => s + (key.pageDown || input === ' ' ? page : 1));
      else if (mode === 'migration' && (key.pageUp || key.upArrow || input === 'k')) setScroll((s) => Math.max(0, s - (key.pageUp ? page : 1)));
      return;
    }
    if (key.upArrow || input === 'k') move(current - 1);
    else if (key.downArrow || input === 'j') move(current + 1);
    else if (key.pageDown || input === ' ') setScroll((s) => Math.min(Math.max(0, diff.length - page), s + page));
    else if (key.pageUp) setScroll((s) => Math.max(0, s - page));
    else if (input === 'y') {
      const { also } = session.accept(item.key);
      decided(also.length ? `accepted, and ${also.length} change${also.length === 1 ? '' : 's'} it requires: ${names(also)}` : 'accepted', item.module, before);
      if (current < items.length - 1) move(current + 1, true);
    } else if (input === 'n') {
      const { also } = session.reject(item.key);
      decided(also.length ? `rejected, and ${also.length} change${also.length === 1 ? '' : 's'} that require${also.length === 1 ? 's' : ''} it: ${names(also)}` : 'rejected', item.module, before);
      if (current < items.length - 1) move(current + 1, true);
    } else if (input === 'a') {
      const accepted = session.acceptTransform(item.key);
      decided(`accepted ${accepted.length} change${accepted.length === 1 ? '' : 's'} of ${item.change.transform} in ${item.module}`, item.module, before);
    } else if (input === 'm') {
      setMessage('computing the migration…');
      void loadMigration(item.module).then(
        (text) => {
          setMigration({ module: item.module, lines: text === null ? ['No state migration: the accepted changes of this module move nothing in state.'] : text.split('\n') });
          setScroll(0);
          setMode('migration');
          setMessage('');
        },
        (e: unknown) => setMessage(`cannot compute the migration: ${(e as Error).message}`),
      );
    } else if (input === 'w') {
      if (session.counts().accepted === 0) setMessage('nothing accepted yet: y accepts a change, a every change of its transform');
      else finish('write');
    } else if (input === 'q') {
      if (session.counts().accepted > 0) setMode('confirm-quit');
      else finish('quit');
    } else if (input === '?') setMode('help');
  });

  const counts = session.counts();
  const status = `${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.pending} undecided`;
  if (mode === 'help') return <Screen lines={HELP} rows={rows} columns={columns} title="tfcodemod review: help" footer="? or Esc: back" />;
  if (mode === 'migration' && migration) {
    const lines = migration.lines.slice(scroll, scroll + rows - 3);
    return <Screen lines={lines} rows={rows} columns={columns} title={`Migration for ${migration.module} with the accepted changes (line ${scroll + 1} of ${migration.lines.length})`} footer="PgUp/PgDn scroll  m or Esc: back" />;
  }
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <ChangeList session={session} selected={selected} rows={listRows} columns={columns} />
      <Text dimColor>{'─'.repeat(Math.max(0, columns - 1))}</Text>
      {detail.map((d, i) => (
        <Text key={i} color={d.color} bold={i === 0} wrap="truncate">
          {d.text}
        </Text>
      ))}
      <DiffView lines={diff} scroll={scroll} rows={diffRows} columns={columns} />
      <Text color={mode === 'confirm-quit' ? 'yellow' : 'cyan'} wrap="truncate">
        {mode === 'confirm-quit' ? `Quit without writing ${counts.accepted} accepted change${counts.accepted === 1 ? '' : 's'}? y: quit, any other key: back` : message ? `${status} · ${message}` : status}
      </Text>
      <Text dimColor wrap="truncate">
        {fit(KEYS, columns - 1)}
      </Text>
    </Box>
  );
}

function ChangeList({ session, selected, rows, columns }: { session: ReviewSession; selected: number; rows: number; columns: number }) {
  // Module headings between the changes; the window follows the selection.
  const lines: { text: string; index: number | null }[] = [];
  let module = '';
  session.items.forEach((it, index) => {
    if (it.module !== module) {
      module = it.module;
      lines.push({ text: `${module === '.' ? '(tree root)' : module}`, index: null });
    }
    const c = it.change;
    const moves = c.moves.length ? `, ${c.moves.length} move${c.moves.length === 1 ? '' : 's'}` : '';
    lines.push({ text: `${mark(session.decision(it.key))} ${c.transform}: ${c.title} (${c.kind}${moves})`, index });
  });
  const at = lines.findIndex((l) => l.index === selected);
  const start = Math.max(0, Math.min(at - Math.floor(rows / 2), lines.length - rows));
  return (
    <Box flexDirection="column" height={rows}>
      {lines.slice(start, start + rows).map((l, i) => {
        const item = l.index === null ? null : session.items[l.index]!;
        const behaviour = item?.change.kind === 'behaviour';
        return (
          <Text key={i} inverse={l.index === selected} bold={l.index === null} color={behaviour ? 'yellow' : undefined} wrap="truncate">
            {fit(l.index === null ? l.text : `  ${l.text}`, columns - 1)}
          </Text>
        );
      })}
    </Box>
  );
}

function detailLines(item: ReviewItem, columns: number): { text: string; color?: string }[] {
  const c = item.change;
  const replaces = c.effects.some((e) => e.action === 'replace');
  const out: { text: string; color?: string }[] = [
    { text: fit(c.title, columns - 1) },
    {
      text: fit(`${c.kind}${replaces ? ' — forces replacement' : ''} · ${c.files.join(', ')}`, columns - 1),
      ...(c.kind === 'behaviour' ? { color: 'yellow' } : {}),
    },
    { text: fit(c.reason, columns - 1), color: 'gray' },
  ];
  const moves = c.moves.map((m) => `${m.from.workspace}:${m.from.address} → ${m.to.workspace}:${m.to.address}`);
  if (moves.length > 0) out.push({ text: fit(`moves: ${moves.slice(0, 2).join(', ')}${moves.length > 2 ? ` and ${moves.length - 2} more` : ''}`, columns - 1), color: 'magenta' });
  for (const f of c.findings.slice(0, 2)) out.push({ text: fit(`${f.severity}: ${f.message}`, columns - 1), color: f.severity === 'warning' ? 'yellow' : 'gray' });
  return out;
}

function DiffView({ lines, scroll, rows, columns }: { lines: string[]; scroll: number; rows: number; columns: number }) {
  const shown = lines.slice(scroll, scroll + rows - 1);
  const color = (l: string): string | undefined => (l.startsWith('+++') || l.startsWith('---') || l.startsWith('diff ') ? undefined : l.startsWith('+') ? 'green' : l.startsWith('-') ? 'red' : l.startsWith('@@') ? 'cyan' : undefined);
  return (
    <Box flexDirection="column" height={rows}>
      <Text dimColor wrap="truncate">
        {lines.length > rows - 1 ? `diff: lines ${scroll + 1}–${Math.min(lines.length, scroll + rows - 1)} of ${lines.length} (PgUp/PgDn)` : 'diff:'}
      </Text>
      {shown.map((l, i) => (
        <Text key={i} color={color(l)} bold={l.startsWith('diff ')} wrap="truncate">
          {fit(l, columns - 1) || ' '}
        </Text>
      ))}
    </Box>
  );
}

function Screen({ lines, rows, columns, title, footer }: { lines: string[]; rows: number; columns: number; title: string; footer: string }) {
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text bold wrap="truncate">
        {fit(title, columns - 1)}
      </Text>
      <Box flexDirection="column" height={rows - 2}>
        {lines.slice(0, rows - 2).map((l, i) => (
          <Text key={i} wrap="truncate">
            {fit(l, columns - 1) || ' '}
          </Text>
        ))}
      </Box>
      <Text dimColor wrap="truncate">
        {footer}
      </Text>
    </Box>
  );
}
