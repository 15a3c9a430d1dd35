// Four test classes at once, not one per core: most of this project's time is tests waiting for durable timers
// (whole lifecycles at a compressed day, M3 in the browser flow), which hold a slot while the CPU idles. Measured on
// 2 cores, two at a time left the CPU half idle (53 % busy on average) and made this project the suite's long pole.
// Every test here polls with generous deadlines and picks day lengths so that a timer cannot fire or must fire, so
// more load makes them slower, not different.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
