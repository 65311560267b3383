import { execute, graphql } from "$lib/server/graphql";
import type { PageServerLoad } from "./$types";

// The public algorithm page. Every number on it comes from `matchingAlgorithm`, the configuration the
// matching workers read, so the page cannot fall out of step with what the matcher does.

const MatchingAlgorithm = graphql(`
  query MatchingAlgorithm {
    matchingAlgorithm {
      version
      maximumScore
      eligibility
      parts {
        part
        title
        description
        weight
      }
      cpvLevels {
        level
        factor
        points
      }
      settings {
        name
        value
        meaning
      }
    }
  }
`);

export const load: PageServerLoad = async (event) => {
  const { matchingAlgorithm } = await execute(event, MatchingAlgorithm);
  return { algorithm: matchingAlgorithm };
};
