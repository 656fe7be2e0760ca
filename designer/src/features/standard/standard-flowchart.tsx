/** The procedure's flowchart from the model's diagram (as derived on the server), as plain SVG for screen and print. */
import type { StandardDiagram } from "@alur/shared/schemas";

export function StandardFlowchart({ diagram, title }: { diagram: StandardDiagram; title: string }) {
  return (
    <svg
      className="standard-flowchart"
      viewBox={`0 0 ${diagram.width} ${diagram.height}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="xMinYMin meet"
    >
      <defs>
        <marker
          id="standard-arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" />
        </marker>
      </defs>
      {diagram.edges.map((edge) => (
        <g key={edge.elementId} className="edge">
          <polyline points={edge.points.map((p) => `${p.x},${p.y}`).join(" ")} markerEnd="url(#standard-arrow)" />
          {edge.label && edge.points[0] && (
            <text x={(edge.points[1] ?? edge.points[0]).x + 4} y={(edge.points[1] ?? edge.points[0]).y - 4}>
              {edge.label}
            </text>
          )}
        </g>
      ))}
      {diagram.shapes.map((s) => (
        <g key={s.elementId} className={`shape shape-${s.kind}${s.pausesClock ? " shape-paused" : ""}`}>
          {s.kind === "event" ? (
            <ellipse cx={s.x + s.width / 2} cy={s.y + s.height / 2} rx={s.width / 2} ry={s.height / 2} />
          ) : s.kind === "gateway" ? (
            <polygon
              points={`${s.x + s.width / 2},${s.y} ${s.x + s.width},${s.y + s.height / 2} ${s.x + s.width / 2},${s.y + s.height} ${s.x},${s.y + s.height / 2}`}
            />
          ) : (
            <rect x={s.x} y={s.y} width={s.width} height={s.height} rx={8} />
          )}
          {s.step !== undefined && (
            <text className="step-number" x={s.x + 5} y={s.y + 14}>
              {s.step}
            </text>
          )}
          {s.label && s.kind !== "gateway" && s.kind !== "event" && (
            <foreignObject x={s.x + 4} y={s.y + 16} width={s.width - 8} height={s.height - 18}>
              <div className="shape-label">{s.label}</div>
            </foreignObject>
          )}
          {s.label && (s.kind === "gateway" || s.kind === "event") && (
            <text className="outside-label" x={s.x + s.width / 2} y={s.y + s.height + 12} textAnchor="middle">
              {s.label}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
