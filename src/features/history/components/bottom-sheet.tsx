import { useEffect, useRef, type ReactNode } from 'react';

interface BottomSheetProps {
  /** Its data-testid; its heading's id is this with `-title`. */
  testId: string;
  title: ReactNode;
  /** Above the title: the person's face. */
  before?: ReactNode;
  /** The words on the last button, which closes it: Cancel, Close. */
  closeLabel: string;
  onClose(): void;
  children: ReactNode;
}

/** A modal panel from the bottom of the screen: a title, what it offers, a button to close. */
export function BottomSheet({
  testId,
  title,
  before,
  closeLabel,
  onClose,
  children,
}: BottomSheetProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = `${testId}-title`;

  // No close() on cleanup: it would fire `close` (and onClose) on StrictMode's rehearsal
  // unmount; a dialog taken out of the page leaves the top layer by itself.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="sheet"
      onClose={onClose}
      // A tap on the dimmed backdrop (the dialog element itself, outside the panel) closes it.
      onClick={(event) => event.target === dialog.current && dialog.current.close()}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <div className="sheet__panel">
        {before}
        {/* Focus lands on the title, not on a button a stray tap would press. */}
        <h2 className="sheet__title" id={titleId} tabIndex={-1} autoFocus>
          {title}
        </h2>
        {children}
        <button
          type="button"
          className="button button--block sheet__cancel"
          onClick={() => dialog.current?.close()}
        >
          {closeLabel}
        </button>
      </div>
    </dialog>
  );
}
