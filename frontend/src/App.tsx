// Placeholder page; the real application replaces this.
export function App() {
  return (
    <main>
      <h1>Downtime Backlog</h1>
      <p>Capture, queue and track the paper backlog after a clinical IT outage.</p>
      <p>
        <a href="/api/docs">API documentation</a>
      </p>
    </main>
  );
}
