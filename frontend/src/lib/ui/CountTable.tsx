import { number } from '../i18n/format';

/** A titled table of counts by key (status, band, system, ward…), each key shown through `label` when given. */
export function CountTable({ title, counts, label }: { title: string; counts: Record<string, number>; label?: (k: string) => string }) {
  const entries = Object.entries(counts);
  return (
    <div className="counts">
      <h3>{title}</h3>
      {entries.length === 0 ? <p>—</p> : (
        <table>
          <tbody>{entries.map(([k, v]) => <tr key={k}><th scope="row">{label ? label(k) : k}</th><td>{number(v)}</td></tr>)}</tbody>
        </table>
      )}
    </div>
  );
}
