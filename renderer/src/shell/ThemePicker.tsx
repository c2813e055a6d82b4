import { useEffect, useState } from 'react';
import { THEME_CHOICES, applyTheme, storeTheme, storedTheme, type ThemeChoice } from './theme';

const TITLES: Record<ThemeChoice, string> = { system: 'As the system', light: 'Light', dark: 'Dark' };

/** The theme choice: follows the system unless the analyst picks light or dark. */
export function ThemePicker() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  useEffect(() => applyTheme(choice), [choice]);
  return (
    <label className="theme-picker">
      Theme{' '}
      <select
        aria-label="Theme"
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          storeTheme(next);
          setChoice(next);
        }}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {TITLES[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
