/**
 * h5: the app's scripts are one long task when they run at once — every module evaluated, then the app, the router
 * and the first screen built — about 45 ms of a desktop core, 4× that on Lighthouse's phone (issue 16, TBT). Awaiting
 * a task here, at the top of a module the app's entry imports, makes webpack evaluate the modules first and the entry's
 * body (the app and its router) in a task of its own, so a tap that comes in between is answered.
 */
await new Promise<void>((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(undefined);
});

export {};
