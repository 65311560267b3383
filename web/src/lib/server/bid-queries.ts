// The supplier's own bid on a tender, as its pages read it (sealed: only the bidding supplier gets it).
import { graphql } from "$lib/server/graphql";

export const TenderBid = graphql(`
  query TenderBid($id: ID!, $supplierId: ID) {
    tender(id: $id) {
      id
      title
      status
      submissionDeadline
      buyer {
        name
      }
      lots {
        id
        number
        title
        description
        valuePence
      }
      criteria {
        id
        kind
        title
        description
        weight
      }
      viewerCan {
        bid
      }
      myBid(supplierId: $supplierId) {
        id
        status
        submittedAt
        withdrawnAt
        updatedAt
        needsReconfirmation
        disqualificationReason
        supplier {
          name
        }
        lots {
          lot {
            id
          }
          pricePence
        }
        answers {
          criterion {
            id
          }
          answer
        }
        problems {
          path
          message
        }
        feedback {
          lot {
            id
            number
            title
          }
          successful
          reasons
          standstillEndsAt
          yours {
            total
            rank
            priceScore
            qualityScore
            criteria {
              criterion {
                id
                title
                kind
              }
              weight
              moderated
              weighted
            }
          }
          winner {
            total
            rank
            priceScore
            qualityScore
            criteria {
              criterion {
                id
              }
              weight
              moderated
              weighted
            }
          }
        }
      }
    }
  }
`);
