// Forms whose errors from the API appear next to the field they concern.
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { tk } from '../i18n';
import { errorText } from './errors';

export interface FieldErrors {
  [field: string]: { message: string; detail?: string } | undefined;
}

export interface ApiForm {
  errors: FieldErrors;
  formError: unknown;
  busy: boolean;
  /** Runs a call; an error naming a field is shown at that field, any other above the buttons. */
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  setFieldError: (field: string, message: string | null) => void;
  clear: () => void;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (fn: () => Promise<unknown>) => (e: FormEvent) => void;
}

export function useApiForm(): ApiForm {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const focusField = useCallback((field: string) => {
    window.requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(field)}"]`);
      el?.focus();
    });
  }, []);

  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setErrors({});
      setFormError(null);
      try {
        return await fn();
      } catch (e) {
        if (!mounted.current) return undefined;
        const field = isApiError(e) ? e.field : undefined;
        const hasInput =
          field !== undefined && formRef.current?.querySelector(`[name="${CSS.escape(field)}"]`) !== null;
        if (field && hasInput && !(isApiError(e) && (e.retryAfter !== undefined || e.reason === 'invalid_credentials'))) {
          setErrors({ [field]: errorText(e) });
          focusField(field);
        } else {
          setFormError(e);
        }
        return undefined;
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [focusField],
  );

  const setFieldError = useCallback(
    (field: string, message: string | null) => {
      setErrors((old) => ({ ...old, [field]: message ? { message } : undefined }));
      if (message) focusField(field);
    },
    [focusField],
  );

  const clear = useCallback(() => {
    setErrors({});
    setFormError(null);
  }, []);

  const onSubmit = useCallback(
    (fn: () => Promise<unknown>) => (e: FormEvent) => {
      e.preventDefault();
      if (busy) return;
      void fn();
    },
    [busy],
  );

  return { errors, formError, busy, run, setFieldError, clear, formRef, onSubmit };
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: { message: string; detail?: string };
  required?: boolean;
  children: ReactNode;
  className?: string;
}

function FieldShell({ id, label, help, error, required, children, className }: FieldShellProps) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && <span className="field-required">{t('common.required')}</span>}
      </label>
      {children}
      {help && (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      )}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error && (
          <>
            <span className="field-error-icon" aria-hidden="true">
              !
            </span>
            {error.message}
            {error.detail && <span className="field-error-detail"> ({error.detail})</span>}
          </>
        )}
      </p>
    </div>
  );
}

function describedBy(id: string, help: unknown, error: unknown): string | undefined {
  const ids = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  apiForm?: ApiForm;
  fieldClassName?: string;
};

export function TextField({ name, label, help, apiForm: form, required, fieldClassName, id: givenId, ...rest }: InputProps) {
  const auto = useId();
  const id = givenId ?? `f${auto.replace(/:/g, '')}-${name}`;
  const error = form?.errors[name];
  return (
    <FieldShell id={id} label={label} help={help} error={error} required={required} className={fieldClassName}>
      <input
        id={id}
        name={name}
        className="input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
        {...rest}
      />
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'> & {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  apiForm?: ApiForm;
};

export function TextAreaField({ name, label, help, apiForm: form, required, ...rest }: TextAreaProps) {
  const auto = useId();
  const id = `f${auto.replace(/:/g, '')}-${name}`;
  const error = form?.errors[name];
  return (
    <FieldShell id={id} label={label} help={help} error={error} required={required}>
      <textarea
        id={id}
        name={name}
        className="input textarea"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
        {...rest}
      />
    </FieldShell>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  apiForm?: ApiForm;
  options: { value: string; label: string }[];
};

export function SelectField({ name, label, help, apiForm: form, options, required, ...rest }: SelectProps) {
  const auto = useId();
  const id = `f${auto.replace(/:/g, '')}-${name}`;
  const error = form?.errors[name];
  return (
    <FieldShell id={id} label={label} help={help} error={error} required={required}>
      <select
        id={id}
        name={name}
        className="input select"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, help, error)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'> & {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  apiForm?: ApiForm;
};

export function CheckboxField({ name, label, help, apiForm: form, ...rest }: CheckboxProps) {
  const auto = useId();
  const id = `f${auto.replace(/:/g, '')}-${name}`;
  const error = form?.errors[name];
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`}>
      <div className="check-row">
        <input
          id={id}
          name={name}
          type="checkbox"
          className="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, help, error)}
          {...rest}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {help && (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      )}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error?.message}
      </p>
    </div>
  );
}

/** Counts down whole seconds to 0. */
export function useCountdown(seconds: number | undefined): number {
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    if (seconds === undefined) {
      setLeft(0);
      return;
    }
    const end = Date.now() + seconds * 1000;
    setLeft(seconds);
    const timer = window.setInterval(() => {
      const s = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [seconds]);
  return left;
}

/** The error that belongs to no single field, with a Retry-After countdown when the server gave one. */
export function FormError({ error, onCountdownChange }: { error: unknown; onCountdownChange?: (left: number) => void }) {
  const { t } = useTranslation();
  const retryAfter = isApiError(error) ? error.retryAfter : undefined;
  const left = useCountdown(error ? retryAfter : undefined);
  useEffect(() => {
    onCountdownChange?.(left);
  }, [left, onCountdownChange]);
  if (!error) return <div className="form-error-slot" aria-live="assertive" />;
  const { message, detail } = errorText(error);
  const field = isApiError(error) && error.field && error.field !== 'X-CSRF-Token' ? error.field : null;
  return (
    <div className="form-error-slot" aria-live="assertive">
      <div className="alert alert-error" role="alert">
        <p>
          {field && !['password', 'email'].includes(field) ? t('common.fieldError', { field: tk(`fields.${field}`, field), message }) : message}
        </p>
        {detail && <p className="alert-detail">{detail}</p>}
        {retryAfter !== undefined && (
          <p className="alert-countdown">{left > 0 ? t('login.retryIn', { seconds: left }) : t('login.retryNow')}</p>
        )}
      </div>
    </div>
  );
}

/** Blocks the submit button while a Retry-After countdown runs. */
export function useRetryBlock(): [boolean, (left: number) => void] {
  const [blocked, setBlocked] = useState(false);
  const onChange = useCallback((left: number) => setBlocked(left > 0), []);
  return [blocked, onChange];
}
