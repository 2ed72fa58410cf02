import { describe, expect, it } from "vitest";

import { initials } from "../editor/presence";
import { type DesignFrame, applyDesignFrame, collabStore, createCollabStore, initialCollabState, ownSave, parseDesignFrame, presenceList, visibleNotice } from "./collab-store";

function frame(value: unknown): DesignFrame {
  const parsed = parseDesignFrame(JSON.stringify(value));
  if (!parsed) throw new Error(`not a frame: ${JSON.stringify(value)}`);
  return parsed;
}

const subscribed = frame({ type: "subscribed", design: "d1", me: { id: 1, username: "ann", channel: "specific..inmemory!AAAAAAAAAAAA" } });
const join = (id: number, username: string, session: string, event = "join") => frame({ type: "presence", event, user: { id, username, session } });

describe("the design socket's frames", () => {
  it("parses subscribed, presence and revision frames, and drops the rest", () => {
    expect(subscribed).toEqual({ type: "subscribed", design: "d1", me: { id: 1, username: "ann", session: "AAAAAAAAAAAA" } });
    expect(frame({ type: "revision", design: "d1", revision: 5, author: "olivia", message: "m" })).toEqual({
      type: "revision",
      design: "d1",
      revision: 5,
      author: "olivia",
      message: "m",
    });
    expect(frame({ type: "revision", design: "d1", revision: 2, author: null })).toMatchObject({ author: null, message: "" });
    expect(parseDesignFrame('{"type":"presence","event":"dance","user":{"id":1,"username":"a","session":"s"}}')).toBeNull();
    expect(parseDesignFrame('{"type":"revision","revision":"5"}')).toBeNull();
    expect(parseDesignFrame("nope")).toBeNull();
  });

  it("tracks the other viewers: join, here, leave; never oneself; afresh on resubscribe", () => {
    let state = { ...initialCollabState("d1"), ...applyDesignFrame(initialCollabState("d1"), subscribed) };
    state = { ...state, ...applyDesignFrame(state, join(2, "olivia", "s-olivia")) };
    state = { ...state, ...applyDesignFrame(state, join(3, "vera", "s-vera", "here")) };
    state = { ...state, ...applyDesignFrame(state, join(1, "ann", "AAAAAAAAAAAA")) };
    state = { ...state, ...applyDesignFrame(state, join(1, "ann", "another-tab")) };
    expect(presenceList(state).map((p) => [p.username, p.sessions, p.isMe])).toEqual([
      ["ann", 1, true],
      ["olivia", 1, false],
      ["vera", 1, false],
    ]);
    state = { ...state, ...applyDesignFrame(state, join(2, "olivia", "s-olivia", "leave")) };
    expect(presenceList(state).map((p) => p.username)).toEqual(["ann", "vera"]);
    state = { ...state, ...applyDesignFrame(state, subscribed) };
    expect(presenceList(state)).toEqual([]);
  });
});

describe("the new-revision banner", () => {
  const base = { ...initialCollabState("d1"), notice: { design: "d1", revision: 5, author: "olivia", message: "more memory" } };

  it("shows a revision newer than the canvas's", () => {
    expect(visibleNotice(base, { id: "d1", revision: 4 })).toMatchObject({ revision: 5, author: "olivia" });
  });

  it("hides it for the revision the canvas already has (our own save), a dismissed one, or another design", () => {
    expect(visibleNotice(base, { id: "d1", revision: 5 })).toBeNull();
    expect(visibleNotice({ ...base, dismissed: 5 }, { id: "d1", revision: 4 })).toBeNull();
    expect(visibleNotice(base, { id: "d2", revision: 1 })).toBeNull();
    expect(visibleNotice(base, { id: null, revision: null })).toBeNull();
  });

  it("waits while a save of this tab is on its way (its own notice may arrive first)", () => {
    expect(visibleNotice({ ...base, savesInFlight: 1 }, { id: "d1", revision: 4 })).toBeNull();
  });

  it("keeps the newest revision when notices arrive out of order", () => {
    const older = applyDesignFrame(base, frame({ type: "revision", design: "d1", revision: 3, author: "x", message: "" }));
    expect(older).toEqual({});
    expect(applyDesignFrame(base, frame({ type: "revision", design: "d1", revision: 6, author: "x", message: "" }))).toMatchObject({ notice: { revision: 6 } });
  });

  it("counts saves in flight around ownSave, even when the save fails", async () => {
    let during = -1;
    await ownSave(async () => {
      during = collabStore.getState().savesInFlight;
    });
    expect(during).toBe(1);
    await expect(
      ownSave(async () => {
        throw new Error("network");
      }),
    ).rejects.toThrow("network");
    expect(collabStore.getState().savesInFlight).toBe(0);
    // A reset for another design keeps counting the save that is still on its way.
    const store = createCollabStore();
    store.getState().beginSave();
    store.getState().reset("d2");
    expect(store.getState()).toMatchObject({ design: "d2", savesInFlight: 1, status: "connecting" });
  });
});

describe("initials", () => {
  it("takes one letter of a plain username and two of a dotted or spaced one", () => {
    expect(initials("olivia")).toBe("O");
    expect(initials("sam.jones")).toBe("SJ");
    expect(initials("")).toBe("?");
  });
});
