/**
 * One line-ending model for CSV (issue 9): CR LF, LF and a lone CR are each one line break,
 * wherever they appear and however they are mixed (a file edited on two machines). Every
 * physical row is read, counted and numbered the same on the serial and the worker-thread path.
 */
import { describeLineEndings } from './line-endings-cases.js';

describeLineEndings('serial', { workers: 0 });
