import { randomToken } from '../../../harness/registration/random-token.js'

/** A token that is not the hs_token and shares nothing with it, so an echo of it is not mistaken for a leak. */
export function wrongToken(): string {
  return randomToken('wrong')
}
