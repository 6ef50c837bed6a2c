/** The mini-program starts at once: its pages are drawn by WeChat, not by this thread (bootYield.h5.ts says why h5 waits). */
export {};
