import { demoPlan } from "../plan.ts";
import type { SeedStep } from "../step.ts";

/** Consortia of neighbouring councils, each with a lead council; the lead is a member too. */
export const consortiaStep: SeedStep = {
  name: "consortia",
  title: "Consortia of councils",
  async run({ prisma, refs, progress, created }) {
    const consortia = demoPlan().consortia;
    let done = 0;
    for (const plan of consortia) {
      const leadCouncilId = refs.council(plan.lead).id;
      const councilIds = [leadCouncilId, ...plan.members.map((slug) => refs.council(slug).id)];
      // A consortium has no natural key of its own: its name under its lead council serves as one.
      let consortium = await prisma.consortium.findFirst({ where: { name: plan.name, leadCouncilId }, select: { id: true } });
      if (!consortium) {
        consortium = await prisma.consortium.create({ data: { name: plan.name, leadCouncilId }, select: { id: true } });
        created("consortia", 1);
      }
      const { count } = await prisma.consortiumMember.createMany({
        data: councilIds.map((councilId) => ({ consortiumId: consortium.id, councilId })),
        skipDuplicates: true,
      });
      created("consortium members", count);
      refs.consortia.set(plan.name, { id: consortium.id, name: plan.name, leadCouncilId, councilIds });
      progress((done += 1), consortia.length);
    }
  },
};
