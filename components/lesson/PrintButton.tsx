'use client';

/** Opens the browser's print dialog (where "Save as PDF" lives too). */
export function PrintButton({ children = 'Print or save as PDF' }: { children?: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {children}
    </button>
  );
}
