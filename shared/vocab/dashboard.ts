/**
 * How many people or units each of 统计看板's two leaderboards shows: what stats.dashboard asks the leaderboards for,
 * and how many rows the screen keeps free while it loads. A module of its own (not in vocab/index): only the staff
 * sub-package and the server read it, and the mini-program's main package is at its size budget.
 */
export const DashboardLeaders = 5;
