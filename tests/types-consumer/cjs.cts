import ledger = require('credit-ledger')
import testing = require('credit-ledger/testing')

export const state = ledger.replay([])
export const scenario = testing.given([])
