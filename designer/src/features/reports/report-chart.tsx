/**
 * One Chart.js chart per mount, held in a ref and destroyed in the effect cleanup; only the
 * parts the reports draw are registered, so the chunk stays small.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);
Chart.defaults.font.family = "inherit";
Chart.defaults.animation = false;

export function ReportChart({
  config,
  label,
  height = 260,
  testId,
}: {
  config: ChartConfiguration<"bar" | "line">;
  /** What the chart shows, for screen readers (the table beside it holds the figures). */
  label: string;
  height?: number;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, ...config.options },
    } as ChartConfiguration);
    // print at the paper's width, then back
    const resize = () => chart.resize();
    window.addEventListener("beforeprint", resize);
    window.addEventListener("afterprint", resize);
    return () => {
      window.removeEventListener("beforeprint", resize);
      window.removeEventListener("afterprint", resize);
      chart.destroy();
    };
  }, [config]);
  return (
    <div className="report-chart" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
