import { useSyncExternalStore } from 'react';
import { type Session, type SessionState, sessionStore } from './session.js';

export const useSessionState = (): SessionState =>
  useSyncExternalStore(sessionStore.subscribe, sessionStore.getState);

export const useSession = (): Session | null => useSessionState().session;
