import { describe, expect, it } from "vitest";
import { figureHref, isOverdue, isSteeringFigure, steeringFigures } from "~/domain/steering-log";
import { agendaItemSchema, meetingSchema } from "~/domain/steering-log-schema";

describe("the steering log's rules", () => {
  it("marks an open action past its due day as overdue, not one due today or closed", () => {
    expect(isOverdue({ dueOn: "2026-12-05", closedAt: null }, "2026-12-06")).toBe(true);
    expect(isOverdue({ dueOn: "2026-12-06", closedAt: null }, "2026-12-06")).toBe(false);
    expect(isOverdue({ dueOn: "2026-12-05", closedAt: "2026-12-06T10:00:00Z" }, "2026-12-06")).toBe(false);
  });

  it("links each figure to its section of /stats and knows no other", () => {
    expect(figureHref("quality")).toBe("/stats#quality-heading");
    expect(steeringFigures.every(isSteeringFigure)).toBe(true);
    expect(isSteeringFigure("report-summary")).toBe(false);
  });

  it("refuses a day the calendar lacks, an unknown figure and a personal identity number", () => {
    const key = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(meetingSchema.safeParse({ heldOn: "2026-02-29", title: "Möte", submissionKey: key }).success).toBe(false);
    expect(meetingSchema.safeParse({ heldOn: "2028-02-29", title: "Möte", submissionKey: key }).success).toBe(true);
    const item = { intent: "item", title: "Punkt", submissionKey: key };
    expect(agendaItemSchema.safeParse({ ...item, figure: "radar" }).success).toBe(true);
    expect(agendaItemSchema.safeParse({ ...item, figure: "everything" }).success).toBe(false);
    expect(agendaItemSchema.safeParse({ ...item, notes: "Barnet 120101-1234 nämndes" }).success).toBe(false);
  });
});
