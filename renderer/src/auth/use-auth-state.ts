import type { AuthState } from '../../../common/contract';
import { api } from '../api';
import { useCoreValue, type CoreValueSource } from '../shared/use-core-value';

const authState: CoreValueSource<AuthState> = {
  read: () => api().auth.getState(),
  follow: (listener) => api().auth.onStateChanged(listener),
};

/** The session state, kept current from `auth.onStateChanged`; null until the first answer. */
export function useAuthState(): AuthState | null {
  return useCoreValue(authState);
}
