import { CHANNEL_LABEL, type Channel } from "~/utils/notification-kinds";

type Row = { kind: string; label: string; audience: string; channels: { channel: Channel; label: string; value: string; checked: boolean }[] };

/** The kinds × channels checkboxes (a person's choices, or HR's defaults): each box posts `name=kind:channel` when ticked. */
export function NotificationChoices({ rows, name, caption }: { rows: Row[]; name: string; caption: string }) {
  const channels = [...new Set(rows.flatMap((r) => r.channels.map((c) => c.channel)))];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            {/* The message column stays put while a phone scrolls the channels sideways. */}
            <th scope="col" className="sticky left-0 bg-slate-50 px-4 py-3 font-semibold">
              Message
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              Who gets it
            </th>
            {channels.map((c) => (
              <th key={c} scope="col" className="px-4 py-3 text-center font-semibold">
                {CHANNEL_LABEL[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.kind}>
              <th scope="row" className="sticky left-0 bg-white px-4 py-3 text-left font-medium">
                {row.label}
              </th>
              <td className="px-4 py-3 text-slate-600">{row.audience}</td>
              {channels.map((c) => {
                const box = row.channels.find((x) => x.channel === c);
                return (
                  <td key={c} className="px-4 py-3 text-center">
                    {box ? (
                      <input
                        type="checkbox"
                        name={name}
                        value={box.value}
                        defaultChecked={box.checked}
                        aria-label={`${row.label}: ${box.label}`}
                        className="h-4 w-4"
                      />
                    ) : (
                      <span aria-label="Not sent this way">—</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
