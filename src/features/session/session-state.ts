/**
 * Who is at the tablet right now, in memory (zustand) for the screens, with
 * the tablet's known users and the site directory mirrored from the session
 * database. Who was in and when they were last active are kept in
 * localStorage, so a reload within the idle time does not lock the tablet.
 */
import { liveQuery } from 'dexie';
import { create } from 'zustand';
import type { CodedError, Role, SiteUser } from '../../schema/index.js';
import { homeRouteFor, navigate, parseRoute } from '../../components/use-hash-route.js';
import {
  knownUsers,
  sessionDatabase,
  tabletEnrolment,
  type TabletEnrolment,
} from './session-database.js';
import { idleLockMinutes } from './idle-lock-setting.js';
import { forgetOpenSigners, restoreOpenSigner } from './open-signer.js';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteId: string;
}

/** A person who signed in on this tablet before and may switch in with a PIN. */
export interface KnownProfile {
  user: SiteUser;
  lastSignedInAt: number;
}

interface SessionState {
  /** False until the tablet's session data is loaded. */
  ready: boolean;
  /** Null until a site admin enrols this tablet: then only enrolling is offered. */
  enrolment: TabletEnrolment | null;
  /** The person at the tablet; null while the tablet is locked. */
  user: SessionUser | null;
  /** Who was in when the tablet locked: they come back to the same screen. */
  lockedFrom: string | null;
  knownUsers: KnownProfile[];
  directory: SiteUser[];
  /** Why someone was signed out or removed from this tablet, shown on the lock screen. */
  notice: CodedError | null;
}

export const useSession = create<SessionState>(() => ({
  ready: false,
  enrolment: null,
  user: null,
  lockedFrom: null,
  knownUsers: [],
  directory: [],
  notice: null,
}));

const ACTIVE_KEY = 'service-lane.session';

interface ActiveSession {
  userId: string | null;
  lockedFrom: string | null;
  lastActiveAt: number;
}

function readActive(): ActiveSession | null {
  try {
    return JSON.parse(localStorage.getItem(ACTIVE_KEY) ?? 'null') as ActiveSession | null;
  } catch {
    return null;
  }
}

function writeActive(): void {
  const { user, lockedFrom } = useSession.getState();
  const active: ActiveSession = { userId: user?.id ?? null, lockedFrom, lastActiveAt: Date.now() };
  localStorage.setItem(ACTIVE_KEY, JSON.stringify(active));
}

/** Called on activity (throttled by the idle lock): a reload soon after resumes without a PIN. */
export function markActive(): void {
  if (useSession.getState().user) writeActive();
}

export function toSessionUser(user: SiteUser): SessionUser {
  const { id, username, displayName, role, siteId } = user;
  return { id, username, displayName, role, siteId };
}

/** The person switches in; someone other than who left gets their own start screen. */
export function enterAs(user: SiteUser): void {
  const { lockedFrom } = useSession.getState();
  useSession.setState({ user: toSessionUser(user), lockedFrom: null, notice: null });
  // Only the person at the tablet can sign: whoever was in before no longer can.
  void forgetOpenSigners(user);
  writeActive();
  if (lockedFrom !== user.id && !openedAtRecord(lockedFrom)) navigate(homeRouteFor(user.role));
}

/** A tablet nobody used yet, opened at a link to one order or job, stays there. */
function openedAtRecord(lockedFrom: string | null): boolean {
  const { screen } = parseRoute(window.location.hash);
  return lockedFrom === null && (screen === 'order' || screen === 'job');
}

export function lockTablet(notice: CodedError | null = null): void {
  const { user, lockedFrom } = useSession.getState();
  useSession.setState({ user: null, lockedFrom: user?.id ?? lockedFrom, notice });
  void forgetOpenSigners();
  writeActive();
}

/** Loads the tablet's people and resumes whoever was in, unless they were idle too long. */
export async function loadSession(): Promise<void> {
  const [known, enrolment] = await Promise.all([knownUsers(), tabletEnrolment()]);
  const active = readActive();
  const resumed = known.find((entry) => entry.user.id === active?.userId);
  const idleMs = idleLockMinutes() * 60_000;
  const fresh = active !== null && Date.now() - active.lastActiveAt < idleMs;
  const resumes = Boolean(enrolment && resumed && fresh);
  // Before the screens show: a resumed person signs as before the reload; anyone else's key stays shut.
  if (resumes && resumed) await restoreOpenSigner(resumed.user);
  else await forgetOpenSigners();
  useSession.setState({
    ready: true,
    enrolment,
    // Nobody works on a tablet that is not enrolled (any more).
    user: resumes && resumed ? toSessionUser(resumed.user) : null,
    lockedFrom: resumed && !fresh ? resumed.user.id : (active?.lockedFrom ?? null),
    knownUsers: known.map(({ user, lastSignedInAt }) => ({ user, lastSignedInAt })),
  });
  watchTabletPeople();
}

function watchTabletPeople(): void {
  liveQuery(() => knownUsers()).subscribe((known) =>
    useSession.setState({
      knownUsers: known.map(({ user, lastSignedInAt }) => ({ user, lastSignedInAt })),
    }),
  );
  liveQuery(() => sessionDatabase.directory.toArray()).subscribe((directory) =>
    useSession.setState({ directory }),
  );
}

/** Runs `then` once someone has signed in on this tablet: before that nobody can vouch for it. */
export function whenTabletKnowsSomeone(then: () => void): void {
  if (useSession.getState().knownUsers.length > 0) return then();
  const stop = useSession.subscribe((state) => {
    if (state.knownUsers.length === 0) return;
    stop();
    then();
  });
}
