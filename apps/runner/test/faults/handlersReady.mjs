// Preloaded into a `choreo` child by the signal tests (node --import): says on stderr, once, when the CLI has
// installed its SIGINT/SIGTERM handlers, i.e. when the command is running. A signal sent before that would
// meet Node's default handler and prove nothing.
const timer = setInterval(() => {
  if (process.listenerCount("SIGINT") > 0 && process.listenerCount("SIGTERM") > 0) {
    process.stderr.write("[test] signal handlers installed\n");
    clearInterval(timer);
  }
}, 20);
timer.unref();
