/**
 * Every sandbox schema step, in order. Append new ones; never edit a released one. Numbers are reserved
 * per feature so parallel work does not collide: 2 links, 3 orders, 4 settlements, 5 keys and logs, 9 search,
 * 10 disputes, 11 the home summary, 12 customer name words, 13 links sent by email and SMS, 14 reading at volume,
 * 15 the home summary's open authorizations per day, 16 name words' dates,
 * 17 name words as written without special letters, 18 dropping an index another one covers, 19 the home
 * summary's open links per day.
 */
import { foundation } from './001-foundation.js';
import { links } from './002-links.js';
import type { Migration } from './migration.js';
import { orders } from './003-orders.js';
import { settlements } from './004-settlements.js';
import { keys } from './005-keys.js';
import { ordersIdempotency } from './006-orders-idempotency.js';
import { search } from './009-search.js';
import { disputes } from './010-disputes.js';
import { statusIndexes } from './011-status-indexes.js';
import { nameWordsTable } from './012-name-words.js';
import { linkChannels } from './013-link-channels.js';
import { volumeIndexes } from './014-volume-indexes.js';
import { openAuthorizationDays } from './015-open-authorization-days.js';
import { nameWordDates } from './016-name-word-dates.js';
import { writtenOutNameWords } from './017-written-out-name-words.js';
import { dropCapturesByOrder } from './018-drop-captures-by-order.js';
import { openLinkDays } from './019-open-link-days.js';

export const MIGRATIONS: readonly Migration[] = [foundation, links, orders, settlements, keys, ordersIdempotency, search, disputes, statusIndexes, nameWordsTable, linkChannels, volumeIndexes, openAuthorizationDays, nameWordDates, writtenOutNameWords, dropCapturesByOrder, openLinkDays];
