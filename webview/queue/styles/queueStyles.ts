// The queue's stylesheets, adopted by the app's shadow root (constructable stylesheets, so the strict
// CSP allows them without 'unsafe-inline').
import { baseStyles, buttonStyles, themeStyles } from '../../shared/baseStyles';
import { frameStyles } from './base';
import { headerStyles } from './header';
import { inspectorStyles } from './inspector';
import { overlayStyles } from './overlay';
import { tableStyles } from './table';
import { takesStyles } from './takes';

export const queueStyles = [
  themeStyles,
  baseStyles,
  buttonStyles,
  frameStyles,
  headerStyles,
  tableStyles,
  inspectorStyles,
  takesStyles,
  overlayStyles,
];
