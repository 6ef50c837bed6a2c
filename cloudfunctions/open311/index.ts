import { createFunction } from '../_core/routing/router';
import create from './actions/create';
import issueKey from './actions/issueKey';
import keys from './actions/keys';
import request from './actions/request';
import requests from './actions/requests';
import revokeKey from './actions/revokeKey';
import services from './actions/services';

/**
 * Open311 GeoReport v2 over our categories and states (docs/open311.md): the public request list and one request,
 * the service list, posting under a key, and the secretary's keys. server/open311.ts is its HTTP face.
 */
export const main = createFunction('open311', { services, requests, request, create, keys, issueKey, revokeKey });
